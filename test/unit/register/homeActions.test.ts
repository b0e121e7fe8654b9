// Choices in the App Home: each is stored for the person and the Home published again with the
// paging the view remembered (private_metadata); a value that cannot be chosen changes nothing.
import { describe, expect, it } from 'vitest';
import { HOME_PAGE } from '../../../src/register/home.js';
import { appHomeView, FILTER_ALL, HOME_ACTIONS } from '../../../src/register/appHomeBlocks.js';
import { needModal } from '../../../src/needs/blocks/needModal.js';
import { filterSelect, followChannelsButton, moreButton, myAreasSelect, newNeedButton } from '../../../src/register/homeActions.js';
import { encodeNeedModalMetadata } from '../../../src/needs/blocks/needModal.js';
import { AREAS, asDeps, callListener, emptyHome, fakeDeps, interactionArgs, MUNICIPALITIES, triggerIdOf } from '../../support/listenerArgs.js';
import { type ViewAction, viewActionPayload } from '../../support/slackRequests.js';

const PAGES = { mine: 8, waiting: 16, latest: 24 };
const home = (action: ViewAction, userId = 'U0ALICE') =>
  interactionArgs(viewActionPayload({ userId, viewType: 'home', action, privateMetadata: JSON.stringify(PAGES) }));

describe('newNeedButton', () => {
  it('acks and opens the need modal with the trigger id, the confirmation going to the DM', async () => {
    const args = home({ actionId: HOME_ACTIONS.newNeed, value: 'new' });
    await callListener(newNeedButton(asDeps(fakeDeps())), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    const view = needModal({
      locale: 'sv',
      municipalities: MUNICIPALITIES,
      initialContactUserId: 'U0ALICE',
      privateMetadata: encodeNeedModalMetadata({ channelId: null, source: 'app_home' }),
    });
    expect(args.client.views.open).toHaveBeenCalledExactlyOnceWith({ trigger_id: triggerIdOf(args), view });
  });
});

describe('moreButton', () => {
  it('shows one page more of the list and keeps the others as they were', async () => {
    const deps = fakeDeps();
    const args = home({ actionId: HOME_ACTIONS.more, value: 'waiting' });
    await callListener(moreButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(deps.home.load).toHaveBeenCalledExactlyOnceWith('U0ALICE', { ...PAGES, waiting: 16 + HOME_PAGE }, expect.any(Date));
    const now = deps.home.load.mock.calls[0]![2]; // the view is drawn for the same moment as the data
    const view = appHomeView(emptyHome(), { locale: 'sv', municipalities: MUNICIPALITIES, areas: AREAS, now });
    expect(args.client.views.publish).toHaveBeenCalledExactlyOnceWith({ user_id: 'U0ALICE', view });
  });

  it('ignores a list that does not exist', async () => {
    const deps = fakeDeps();
    await callListener(moreButton(asDeps(deps)), home({ actionId: HOME_ACTIONS.more, value: 'everything' }));
    expect(deps.home.load).not.toHaveBeenCalled();
  });
});

describe('filterSelect', () => {
  it('stores the municipality with the other filters and starts the latest list from the top', async () => {
    const deps = fakeDeps();
    deps.preferences.get.mockResolvedValue({ areas: null, filter: { status: 'open' } });
    const args = home({ actionId: HOME_ACTIONS.municipality, selectedOption: '3' });
    await callListener(filterSelect(asDeps(deps), 'municipalityId'), args);
    expect(deps.preferences.setFilter).toHaveBeenCalledExactlyOnceWith('U0ALICE', { status: 'open', municipalityId: 3 });
    expect(deps.home.load).toHaveBeenCalledWith('U0ALICE', { ...PAGES, latest: HOME_PAGE }, expect.any(Date));
    expect(args.client.views.publish).toHaveBeenCalledOnce();
  });

  it('removes the filter when “all” is chosen', async () => {
    const deps = fakeDeps();
    deps.preferences.get.mockResolvedValue({ areas: null, filter: { area: 'logistik', status: 'claimed' } });
    await callListener(filterSelect(asDeps(deps), 'area'), home({ actionId: HOME_ACTIONS.area, selectedOption: FILTER_ALL }));
    expect(deps.preferences.setFilter).toHaveBeenCalledWith('U0ALICE', { status: 'claimed' });
  });

  it.each([
    ['municipalityId', HOME_ACTIONS.municipality, '99'],
    ['area', HOME_ACTIONS.area, 'rymdfart'],
    ['status', HOME_ACTIONS.status, 'deleted'],
  ] as const)('ignores a %s that cannot be chosen (%s = %s)', async (key, actionId, value) => {
    const deps = fakeDeps();
    const args = home({ actionId, selectedOption: value });
    await callListener(filterSelect(asDeps(deps), key), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(deps.preferences.setFilter).not.toHaveBeenCalled();
    expect(args.client.views.publish).not.toHaveBeenCalled();
  });
});

describe('myAreasSelect and followChannelsButton', () => {
  it('stores the chosen areas and publishes again', async () => {
    const deps = fakeDeps();
    const args = home({ actionId: HOME_ACTIONS.myAreas, selectedOptions: ['material', 'logistik'] });
    await callListener(myAreasSelect(asDeps(deps)), args);
    expect(deps.preferences.setAreas).toHaveBeenCalledExactlyOnceWith('U0ALICE', ['logistik', 'material']);
    expect(deps.home.load).toHaveBeenCalledWith('U0ALICE', PAGES, expect.any(Date));
    expect(args.client.views.publish).toHaveBeenCalledOnce();
  });

  it('ignores a choice that holds something that is no area', async () => {
    const deps = fakeDeps();
    await callListener(myAreasSelect(asDeps(deps)), home({ actionId: HOME_ACTIONS.myAreas, selectedOptions: ['logistik', 'rymdfart'] }));
    expect(deps.preferences.setAreas).not.toHaveBeenCalled();
  });

  it('“Följ mina kanaler” forgets the chosen areas (null)', async () => {
    const deps = fakeDeps();
    const args = home({ actionId: HOME_ACTIONS.followChannels, value: 'follow' });
    await callListener(followChannelsButton(asDeps(deps)), args);
    expect(deps.preferences.setAreas).toHaveBeenCalledExactlyOnceWith('U0ALICE', null);
    expect(args.client.views.publish).toHaveBeenCalledOnce();
  });

  it('logs a Home that cannot be published instead of throwing', async () => {
    const deps = fakeDeps();
    const args = home({ actionId: HOME_ACTIONS.followChannels, value: 'follow' });
    args.client.views.publish.mockRejectedValue(new Error('invalid_blocks'));
    await callListener(followChannelsButton(asDeps(deps)), args);
    expect(args.logger.error).toHaveBeenCalledWith('could not publish the App Home', expect.any(Error));
  });
});

describe('a malformed App Home action', () => {
  it.each([
    ['newNeedButton', newNeedButton],
    ['moreButton', moreButton],
    ['myAreasSelect', myAreasSelect],
    ['followChannelsButton', followChannelsButton],
  ] as const)('is acked and ignored by %s', async (_name, listener) => {
    const deps = fakeDeps();
    const args = home({ actionId: HOME_ACTIONS.followChannels, value: 'latest', selectedOptions: ['logistik'] }, 'not-a-user');
    await callListener(listener(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(deps.preferences.setAreas).not.toHaveBeenCalled();
    expect(deps.home.load).not.toHaveBeenCalled();
    expect(args.client.views.open).not.toHaveBeenCalled();
    expect(args.client.views.publish).not.toHaveBeenCalled();
  });
});
