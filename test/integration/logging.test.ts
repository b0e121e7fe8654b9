// At the default log level, recording a need, posting it and a 👍 each leave one info line with
// ids — and nothing a person typed (no description, no names, no contact details).
import { describe, expect, it } from 'vitest';
import { recordNeed } from '../support/needs.js';
import { postEvent, reactionEnvelope } from '../support/slackRequests.js';
import { useAppPerTest } from '../support/testApp.js';

const logs: Record<string, unknown>[] = [];
const ctx = useAppPerTest({ logs, logLevel: 'info' });

describe('logs', () => {
  it('has one info line per need recorded, classified, posted and 👍, with ids and no free text', async () => {
    logs.length = 0;
    const description = 'Hemlig beskrivning: Anna Andersson i hemtjänsten vill ha trygghetslarm och sensorer som larmar när någon ramlar.';
    const need = await recordNeed(ctx.app, ctx.fake, { description });
    await postEvent(ctx.app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: '+1', userId: 'U0ALICE', channel: 'C0IOT', ts: need.ts.C0IOT! }));
    await ctx.app.server.settled();
    const info = logs.filter((l) => l.level === 30);
    const byMessage = (msg: string) => info.filter((l) => l.msg === msg);
    expect(byMessage('need recorded')).toEqual([expect.objectContaining({ needId: need.needId, source: 'slash_command' })]);
    expect(byMessage('need classified and its posts queued')).toEqual([expect.objectContaining({ needId: need.needId, areas: ['uppkopplade'] })]);
    expect(byMessage('sent to Slack').map((l) => l.kind)).toEqual(expect.arrayContaining(['suggestion', 'confirmation', 'suggestion_update']));
    expect(byMessage('feedback recorded')).toEqual([expect.objectContaining({ needId: need.needId, kind: 'up', channelId: 'C0IOT', userId: 'U0ALICE' })]);
    const everything = JSON.stringify(logs);
    expect(everything).not.toContain('Hemlig');
    expect(everything).not.toContain('Anna Andersson');
  });
});
