// `/need mine|list|search`: the register asked the right way, the answer ephemeral (with a link to
// the Home tab when there are more), and a failure answered with a short Swedish text.
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';
import type { FindRequest } from '../../../src/register/findNeeds.js';
import type { MyNeedItem } from '../../../src/register/registerRepository.js';
import { findResultsMessage } from '../../../src/register/findResultsBlocks.js';
import { answerFind, homeLink } from '../../../src/register/findNeedsCommand.js';
import type { CommandPayload } from '../../../src/platform/slack/payloads.js';
import { AREAS, asDeps, fakeArgs, fakeDeps, MUNICIPALITIES } from '../../support/listenerArgs.js';

const t = messages('sv').find;
const PAYLOAD: CommandPayload = { text: '', user_id: 'U0STAFF', channel_id: 'C0TYPED', trigger_id: 'trigger', team_id: 'T0FAKE', api_app_id: 'A0APP' };
const HOME = 'slack://app?team=T0FAKE&id=A0APP&tab=home';

const mine = (id: number): MyNeedItem => ({
  id,
  title: `Behov ${id}`,
  municipality: 'Motala',
  areas: ['logistik'],
  status: 'open',
  recordedAt: new Date(),
  link: null,
  roles: ['recorded'],
});

async function answer(request: FindRequest, deps = fakeDeps()) {
  const args = fakeArgs({});
  await answerFind(asDeps(deps), PAYLOAD, request, args.respond, args.logger);
  return args;
}

describe('homeLink', () => {
  it('links to the app’s Home tab when the command names the team and the app', () => {
    expect(homeLink(PAYLOAD)).toBe(HOME);
    expect(homeLink({ team_id: 'T0FAKE' })).toBeNull();
  });
});

describe('answerFind', () => {
  it('lists the latest needs with the filter read from the words', async () => {
    const deps = fakeDeps();
    deps.register.latest.mockResolvedValue([]);
    const args = await answer({ kind: 'list', text: 'motala öppna' }, deps);
    expect(deps.register.latest).toHaveBeenCalledExactlyOnceWith({ municipalityId: 3, status: 'open' }, 11);
    const expected = findResultsMessage(
      { kind: 'list', text: 'motala öppna' },
      { items: [], more: false, filter: { municipalityId: 3, status: 'open' }, words: [] },
      { locale: 'sv', areas: AREAS, municipalities: MUNICIPALITIES, now: new Date(), homeLink: HOME },
    );
    expect(args.respond).toHaveBeenCalledExactlyOnceWith({ response_type: 'ephemeral', ...expected });
    expect(expected.text).toBe(t.listNone(`${t.inMunicipality('Motala')} ${t.withStatus(messages('sv').status.open)}`));
  });

  it('searches with the words, unfiltered', async () => {
    const deps = fakeDeps();
    deps.register.search.mockResolvedValue([]);
    const args = await answer({ kind: 'search', text: 'läckor vatten' }, deps);
    expect(deps.register.search).toHaveBeenCalledExactlyOnceWith(expect.any(Array), {}, 11);
    expect(args.respond).toHaveBeenCalledWith(expect.objectContaining({ response_type: 'ephemeral', text: t.searchNone('läckor vatten') }));
  });

  it('shows ten and a button to the Home tab when there are more', async () => {
    const deps = fakeDeps();
    deps.register.mine.mockResolvedValue(Array.from({ length: 11 }, (_, i) => mine(i + 1)));
    const args = await answer({ kind: 'mine' }, deps);
    const message = args.respond.mock.calls[0]![0];
    expect(message).toMatchObject({ response_type: 'ephemeral', text: t.mine });
    expect(JSON.stringify(message)).toContain(`"url":"${HOME}"`);
    expect(JSON.stringify(message)).toContain(t.more(10));
  });

  it('answers a failed lookup with a short text and logs it', async () => {
    const deps = fakeDeps();
    deps.register.mine.mockRejectedValue(new Error('database is locked'));
    const args = await answer({ kind: 'mine' }, deps);
    expect(args.respond).toHaveBeenCalledExactlyOnceWith({ response_type: 'ephemeral', text: t.failed });
    expect(args.logger.error).toHaveBeenCalledWith('/need mine failed', expect.any(Error));
  });

  it('logs an answer that cannot be delivered instead of throwing', async () => {
    const deps = fakeDeps();
    deps.register.mine.mockResolvedValue([]);
    const args = fakeArgs({});
    args.respond.mockRejectedValue(new Error('expired_url'));
    await answerFind(asDeps(deps), PAYLOAD, { kind: 'mine' }, args.respond, args.logger);
    expect(args.logger.error).toHaveBeenCalledWith('could not answer /need mine', expect.any(Error));
  });
});
