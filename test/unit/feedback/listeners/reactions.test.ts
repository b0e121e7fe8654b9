// Reactions on a suggestion message are feedback: the stored suggestion (looked up by channel and
// ts) decides the need and the channel; the event id goes along as the delivery, so a redelivered
// event is counted once. Other emoji, other messages and the bot's own reactions are ignored.
import { describe, expect, it } from 'vitest';
import { reactionAdded, reactionRemoved } from '../../../../src/feedback/listeners.js';
import { asDeps, BOT_USER_ID, callListener, eventArgs, fakeDeps } from '../../../support/listenerArgs.js';
import { reactionEnvelope } from '../../../support/slackRequests.js';

const SUGGESTION = { suggestionId: 5, needId: 42, channelId: 'C0LOGIST' };

function reaction(type: 'reaction_added' | 'reaction_removed', emoji: string, userId = 'U0ALICE') {
  return eventArgs(reactionEnvelope({ type, reaction: emoji, userId, channel: 'C0LOGIST', ts: '1700000000.000100', eventId: 'Ev0REACT' }));
}

function depsWithSuggestion() {
  const deps = fakeDeps();
  deps.feedback.findSuggestion.mockResolvedValue(SUGGESTION);
  deps.feedback.addFeedback.mockResolvedValue({ changed: true });
  deps.feedback.removeFeedback.mockResolvedValue({ changed: true });
  return deps;
}

describe('reactionAdded', () => {
  it('stores 👍 on a suggestion as feedback, with the event id as the delivery', async () => {
    const deps = depsWithSuggestion();
    await callListener(reactionAdded(asDeps(deps)), reaction('reaction_added', '+1'));
    expect(deps.feedback.findSuggestion).toHaveBeenCalledWith('C0LOGIST', '1700000000.000100');
    expect(deps.feedback.addFeedback).toHaveBeenCalledExactlyOnceWith({
      needId: 42,
      userId: 'U0ALICE',
      kind: 'up',
      channelId: 'C0LOGIST',
      delivery: 'Ev0REACT',
      via: 'reaction',
    });
  });

  it.each([
    ['raising_hand', 'claim'],
    ['-1::skin-tone-3', 'down'],
    ['white_check_mark', 'resolved'],
  ] as const)('reads :%s: as %s', async (emoji, kind) => {
    const deps = depsWithSuggestion();
    await callListener(reactionAdded(asDeps(deps)), reaction('reaction_added', emoji));
    expect(deps.feedback.addFeedback).toHaveBeenCalledWith(expect.objectContaining({ kind }));
  });

  it('counts for the stored post’s channel, not for anything in the event', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.findSuggestion.mockResolvedValue({ ...SUGGESTION, channelId: 'C0STORED' });
    await callListener(reactionAdded(asDeps(deps)), reaction('reaction_added', '+1'));
    expect(deps.feedback.addFeedback).toHaveBeenCalledWith(expect.objectContaining({ channelId: 'C0STORED' }));
  });

  it('ignores other emoji without looking anything up', async () => {
    const deps = depsWithSuggestion();
    await callListener(reactionAdded(asDeps(deps)), reaction('reaction_added', 'tada'));
    expect(deps.feedback.findSuggestion).not.toHaveBeenCalled();
  });

  it('ignores the bot’s own reactions', async () => {
    const deps = depsWithSuggestion();
    await callListener(reactionAdded(asDeps(deps)), reaction('reaction_added', '+1', BOT_USER_ID));
    expect(deps.feedback.findSuggestion).not.toHaveBeenCalled();
  });

  it('ignores a reaction on a message that is no suggestion', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.findSuggestion.mockResolvedValue(null);
    await callListener(reactionAdded(asDeps(deps)), reaction('reaction_added', '+1'));
    expect(deps.feedback.addFeedback).not.toHaveBeenCalled();
  });

  it('logs a refused reaction (✅ from outside the channel) at debug and goes on', async () => {
    const deps = depsWithSuggestion();
    deps.feedback.addFeedback.mockResolvedValue({ changed: false, refused: 'channelMembers' });
    const args = reaction('reaction_added', 'white_check_mark');
    await callListener(reactionAdded(asDeps(deps)), args);
    expect(args.logger.debug).toHaveBeenCalledWith(expect.stringContaining('not counted: channelMembers'));
  });

  it('ignores a malformed event (a user id that is no Slack id) without calling the service', async () => {
    const deps = depsWithSuggestion();
    const args = reaction('reaction_added', '+1', 'not-a-user');
    await callListener(reactionAdded(asDeps(deps)), args);
    expect(deps.feedback.findSuggestion).not.toHaveBeenCalled();
    expect(args.logger.debug).toHaveBeenCalledWith(expect.stringContaining('malformed reaction_added event (user)'));
  });
});

describe('reactionRemoved', () => {
  it('withdraws the feedback (no `via`), with the event id as the delivery', async () => {
    const deps = depsWithSuggestion();
    await callListener(reactionRemoved(asDeps(deps)), reaction('reaction_removed', 'raising_hand'));
    expect(deps.feedback.removeFeedback).toHaveBeenCalledExactlyOnceWith({
      needId: 42,
      userId: 'U0ALICE',
      kind: 'claim',
      channelId: 'C0LOGIST',
      delivery: 'Ev0REACT',
    });
    expect(deps.feedback.addFeedback).not.toHaveBeenCalled();
  });
});
