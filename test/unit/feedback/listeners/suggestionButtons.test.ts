// The buttons on a suggestion: "Jag tar kontakt" and "Inte vårt område" toggle feedback for the
// stored suggestion, once per press (action_ts); "Byt styrkeområde" opens its modal with the
// trigger id. A refusal is told only to the person who pressed (respond, ephemeral).
import { describe, expect, it } from 'vitest';
import { messages } from '../../../../src/i18n/messages.js';
import { NO_AREA_VALUE, recategoriseModal } from '../../../../src/feedback/messages.js';
import { SUGGESTION_ACTIONS } from '../../../../src/needs/blocks/suggestionMessage.js';
import { claimButton, notOursButton, recategoriseButton } from '../../../../src/feedback/listeners.js';
import { refusalText } from '../../../../src/platform/slack/refusals.js';
import { AREAS, asDeps, callListener, fakeDeps, interactionArgs, triggerIdOf } from '../../../support/listenerArgs.js';
import { buttonPayload } from '../../../support/slackRequests.js';

const t = messages('sv');
const SUGGESTION = { needId: 42, channelId: 'C0LOGIST' };
const ACTION_TS = '1700000001.000200';

function press(actionId: string, value = '5', userId = 'U0ALICE') {
  const body = buttonPayload({ actionId, value, userId, channel: 'C0LOGIST', messageTs: '1700000000.000100', actionTs: ACTION_TS });
  return interactionArgs(body);
}

function depsWithSuggestion() {
  const deps = fakeDeps();
  deps.feedback.suggestionById.mockResolvedValue(SUGGESTION);
  deps.feedback.toggleFeedback.mockResolvedValue({ changed: true, added: true });
  deps.needs.needSummary.mockResolvedValue({ title: 'Laddstolpar i Motala', areas: ['logistik'], corrected: false });
  deps.feedback.refusal.mockResolvedValue(null);
  return deps;
}

describe('claimButton and notOursButton', () => {
  it.each([
    [claimButton, SUGGESTION_ACTIONS.claim, 'claim'],
    [notOursButton, SUGGESTION_ACTIONS.notOurs, 'down'],
  ] as const)('toggles the feedback for the stored suggestion with the press as the delivery (%#)', async (button, actionId, kind) => {
    const deps = depsWithSuggestion();
    const args = press(actionId);
    await callListener(button(asDeps(deps)), args);
    const delivery = `action:U0ALICE:${actionId}:${ACTION_TS}`;
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(deps.deliveries.handled).toHaveBeenCalledWith(delivery);
    expect(deps.feedback.suggestionById).toHaveBeenCalledWith(5);
    expect(deps.feedback.toggleFeedback).toHaveBeenCalledExactlyOnceWith({
      needId: 42,
      userId: 'U0ALICE',
      kind,
      channelId: 'C0LOGIST',
      via: 'button',
      delivery,
    });
    expect(args.respond).not.toHaveBeenCalled();
  });

  it('ignores a replayed press (the same action_ts already handled)', async () => {
    const deps = depsWithSuggestion();
    deps.deliveries.handled.mockResolvedValue(true);
    const args = press(SUGGESTION_ACTIONS.claim);
    await callListener(claimButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(deps.feedback.toggleFeedback).not.toHaveBeenCalled();
  });

  it('tells only the presser when they may not, in Swedish', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.toggleFeedback.mockResolvedValue({ changed: false, added: false, refused: 'channelMembers' });
    const args = press(SUGGESTION_ACTIONS.claim);
    await callListener(claimButton(asDeps(deps)), args);
    expect(args.respond).toHaveBeenCalledExactlyOnceWith({
      response_type: 'ephemeral',
      replace_original: false,
      text: refusalText('channelMembers', 'C0LOGIST', 'sv'),
    });
  });

  it('answers “cannot check” when the feedback cannot be stored', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.toggleFeedback.mockRejectedValue(new Error('database is locked'));
    const args = press(SUGGESTION_ACTIONS.notOurs);
    await callListener(notOursButton(asDeps(deps)), args);
    expect(args.respond).toHaveBeenCalledWith(expect.objectContaining({ response_type: 'ephemeral', text: t.permissions.cannotCheck }));
    expect(args.logger.error).toHaveBeenCalledOnce();
  });

  it('ignores a press on a suggestion that no longer exists', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.suggestionById.mockResolvedValue(null);
    await callListener(claimButton(asDeps(deps)), press(SUGGESTION_ACTIONS.claim));
    expect(deps.feedback.toggleFeedback).not.toHaveBeenCalled();
  });

  it.each(['01', ' 5', '5e0', 'abc'])('acks and ignores a value that is no row id (%j)', async (value) => {
    const deps = depsWithSuggestion();
    const args = press(SUGGESTION_ACTIONS.claim, value);
    await callListener(claimButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(deps.deliveries.handled).not.toHaveBeenCalled();
    expect(deps.feedback.suggestionById).not.toHaveBeenCalled();
  });

  it('acks and ignores a malformed press (a user id that is no Slack id)', async () => {
    const deps = depsWithSuggestion();
    const args = press(SUGGESTION_ACTIONS.claim, '5', 'someone');
    await callListener(claimButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(deps.deliveries.handled).not.toHaveBeenCalled();
    expect(deps.feedback.toggleFeedback).not.toHaveBeenCalled();
  });
});

describe('recategoriseButton', () => {
  it('opens “Byt styrkeområde” with the trigger id and the suggestion in private_metadata', async () => {
    const deps = depsWithSuggestion();
    const args = press(SUGGESTION_ACTIONS.recategorise);
    await callListener(recategoriseButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(deps.feedback.refusal).toHaveBeenCalledWith(42, 'U0ALICE', 'changeAreas', 'C0LOGIST');
    const view = recategoriseModal({
      locale: 'sv',
      needTitle: 'Laddstolpar i Motala',
      areas: AREAS,
      currentAreas: ['logistik'],
      privateMetadata: '{"suggestionId":5}',
    });
    expect(args.client.views.open).toHaveBeenCalledExactlyOnceWith({ trigger_id: triggerIdOf(args), view });
  });

  it('checks “none” for a need a person already said fits no area', async () => {
    const deps = depsWithSuggestion();
    deps.needs.needSummary.mockResolvedValue({ title: 'Okänt', areas: [], corrected: true });
    const args = press(SUGGESTION_ACTIONS.recategorise);
    await callListener(recategoriseButton(asDeps(deps)), args);
    const view = recategoriseModal({ locale: 'sv', needTitle: 'Okänt', areas: AREAS, currentAreas: [NO_AREA_VALUE], privateMetadata: '{"suggestionId":5}' });
    expect(args.client.views.open).toHaveBeenCalledWith(expect.objectContaining({ view }));
  });

  it('tells only the presser when they may not, and opens nothing', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.refusal.mockResolvedValue('channelMembers');
    const args = press(SUGGESTION_ACTIONS.recategorise);
    await callListener(recategoriseButton(asDeps(deps)), args);
    expect(args.respond).toHaveBeenCalledExactlyOnceWith({
      response_type: 'ephemeral',
      replace_original: false,
      text: refusalText('channelMembers', 'C0LOGIST', 'sv'),
    });
    expect(args.client.views.open).not.toHaveBeenCalled();
  });

  it('answers “cannot check” when the permission check fails, and opens nothing', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.refusal.mockRejectedValue(new Error('database is locked'));
    const args = press(SUGGESTION_ACTIONS.recategorise);
    await callListener(recategoriseButton(asDeps(deps)), args);
    expect(args.respond).toHaveBeenCalledWith(expect.objectContaining({ text: t.permissions.cannotCheck }));
    expect(args.client.views.open).not.toHaveBeenCalled();
  });

  it('acks and ignores an unknown suggestion or a malformed press', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.suggestionById.mockResolvedValue(null);
    const unknown = press(SUGGESTION_ACTIONS.recategorise);
    await callListener(recategoriseButton(asDeps(deps)), unknown);
    const malformed = interactionArgs({ user: { id: 'U0ALICE' }, actions: [] });
    await callListener(recategoriseButton(asDeps(deps)), malformed);
    for (const args of [unknown, malformed]) {
      expect(args.ack).toHaveBeenCalledOnce();
      expect(args.client.views.open).not.toHaveBeenCalled();
    }
    expect(deps.feedback.suggestionById).toHaveBeenCalledOnce();
  });
});
