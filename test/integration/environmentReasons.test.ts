// The reasons of suggested environments through the real app: a posted suggestion shows the
// reason worded from the matcher's structured reason (stored as JSON), not the area again; the
// need's own page shows the same; a row an older version wrote (prose, no JSON) still shows its line.
import type { ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { environmentReasonSchema } from '../../src/needs/environmentReason.js';
import { recordNeed } from '../support/needs.js';
import { buttonPayload, postInteraction } from '../support/slackRequests.js';
import { useAppPerTest } from '../support/testApp.js';

const ctx = useAppPerTest();

/** The environments section of a message or view (the section that starts with its heading). */
function environmentsSection(blocks: unknown[], heading: string): string {
  const section = blocks.find((b) => JSON.stringify(b).includes(heading)) as { text?: { text?: string } } | undefined;
  return section?.text?.text ?? '';
}

async function openNeedPage(needId: number): Promise<ModalView> {
  const before = ctx.fake.callsOf('views.open').length;
  await postInteraction(
    ctx.app.baseUrl,
    buttonPayload({ actionId: 'need_view', value: String(needId), userId: 'U0STAFF', channel: 'C0IOT', messageTs: '1.000001' }),
  );
  await ctx.fake.waitForCalls('views.open', before + 1);
  return ctx.fake.callsOf('views.open').at(-1)!.args.view as ModalView;
}

describe('environment reasons in Slack', () => {
  it('a posted suggestion shows the worded reason: the shared terms, not the area named above', async () => {
    const { app, fake } = ctx;
    const posted = await recordNeed(app, fake);
    const rows = await app.server.db.needEnvironment.findMany({ where: { needId: posted.needId }, include: { environment: true }, orderBy: { rank: 'asc' } });
    expect(rows.length).toBeGreaterThan(1);
    const iot = rows.find((r) => r.environment.name === 'IoT World')!;
    // Stored as the structured reason; the old prose column is left empty for new rows.
    expect(iot.reason).toBe('');
    const stored = environmentReasonSchema.parse(JSON.parse(iot.reasonData!));
    expect(stored).toMatchObject({ kind: 'sharedTerms', area: 'uppkopplade' });
    expect(stored).toHaveProperty('terms', expect.arrayContaining(['sensorer', 'trygghetslarm']));

    const message = fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0IOT')!;
    const section = environmentsSection(message.args.blocks as unknown[], 'Förslag på innovationsmiljöer');
    const lines = section.split('\n').slice(1);
    expect(lines.length).toBe(rows.length);
    const iotLine = lines.find((l) => l.startsWith('• *IoT World* — '))!;
    expect(iotLine).toMatch(/^• \*IoT World\* — Arbetar med .*sensorer/);
    expect(iotLine).toContain('trygghetslarm');
    // The area is named in the areas section just above, and not again in any reason.
    expect(JSON.stringify(message.args.blocks)).toContain('Smarta, säkra och robusta uppkopplade produkter och system');
    expect(section).not.toContain('Smarta, säkra och robusta uppkopplade produkter och system');
    const reasons = lines.map((l) => l.replace(/^• \*.*?\* — /, ''));
    expect(new Set(reasons).size).toBe(reasons.length);

    // The need's own page words it the same way.
    const page = await openNeedPage(posted.needId);
    expect(environmentsSection(page.blocks, 'Föreslagna innovationsmiljöer')).toContain(iotLine);
  });

  it('a row written by an older version (a prose line, no JSON) still shows its line', async () => {
    const { app, fake } = ctx;
    const posted = await recordNeed(app, fake);
    const old = 'Arbetar med Smarta, säkra och robusta uppkopplade produkter och system: sensorer, trygghetslarm';
    await app.server.db.needEnvironment.updateMany({ where: { needId: posted.needId }, data: { reason: old, reasonData: null } });
    const page = await openNeedPage(posted.needId);
    const section = environmentsSection(page.blocks, 'Föreslagna innovationsmiljöer');
    expect(section).toContain(`— ${old}`);
    // JSON that no longer fits the schema falls back to the stored line too.
    await app.server.db.needEnvironment.updateMany({ where: { needId: posted.needId }, data: { reasonData: '{"kind":"somethingNew"}' } });
    expect(environmentsSection((await openNeedPage(posted.needId)).blocks, 'Föreslagna innovationsmiljöer')).toContain(`— ${old}`);
  });
});
