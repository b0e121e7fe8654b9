// The Home tab opened: the person's view of the register, published with views.publish. The
// Messages tab and malformed events draw nothing; a failure is logged, never thrown.
import { describe, expect, it } from 'vitest';
import { FIRST_PAGES } from '../../../src/register/home.js';
import { appHomeView } from '../../../src/register/appHomeBlocks.js';
import { appHomeOpened } from '../../../src/register/appHomeOpened.js';
import { AREAS, asDeps, callListener, emptyHome, eventArgs, fakeDeps, MUNICIPALITIES } from '../../support/listenerArgs.js';
import { appHomeOpenedEnvelope } from '../../support/slackRequests.js';

describe('appHomeOpened', () => {
  it('loads the first pages for the person and publishes their Home', async () => {
    const deps = fakeDeps();
    const args = eventArgs(appHomeOpenedEnvelope('U0ALICE'));
    await callListener(appHomeOpened(asDeps(deps)), args);
    expect(deps.home.load).toHaveBeenCalledExactlyOnceWith('U0ALICE', FIRST_PAGES, expect.any(Date));
    const now = deps.home.load.mock.calls[0]![2]; // the view is drawn for the same moment as the data
    const view = appHomeView(emptyHome(), { locale: 'sv', municipalities: MUNICIPALITIES, areas: AREAS, now });
    expect(args.client.views.publish).toHaveBeenCalledExactlyOnceWith({ user_id: 'U0ALICE', view });
  });

  it('draws nothing when the Messages tab opens', async () => {
    const deps = fakeDeps();
    const args = eventArgs(appHomeOpenedEnvelope('U0ALICE', 'messages'));
    await callListener(appHomeOpened(asDeps(deps)), args);
    expect(deps.home.load).not.toHaveBeenCalled();
    expect(args.client.views.publish).not.toHaveBeenCalled();
  });

  it('ignores a malformed event (no user) without loading anything', async () => {
    const deps = fakeDeps();
    const args = eventArgs({ event: { type: 'app_home_opened', tab: 'home' } });
    await callListener(appHomeOpened(asDeps(deps)), args);
    expect(deps.home.load).not.toHaveBeenCalled();
    expect(args.client.views.publish).not.toHaveBeenCalled();
  });

  it('logs a failed views.publish instead of throwing', async () => {
    const deps = fakeDeps();
    const args = eventArgs(appHomeOpenedEnvelope('U0ALICE'));
    args.client.views.publish.mockRejectedValue(new Error('invalid_blocks'));
    await callListener(appHomeOpened(asDeps(deps)), args);
    expect(args.logger.error).toHaveBeenCalledWith('could not publish the App Home', expect.any(Error));
  });
});
