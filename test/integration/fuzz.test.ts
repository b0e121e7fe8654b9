// A seeded fuzz of correctly signed requests against the real app: random JSON, Slack's own
// payloads with fields dropped, swapped for other types, blown up or nested, under every content
// type Slack uses and some it does not. Whatever arrives: no 5xx, the app keeps serving, and no
// request creates a need, feedback, a post or a training example (none of them is a valid one).
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/matching/random.js';
import {
  appHomeOpenedEnvelope,
  needFormValues,
  needSubmissionPayload,
  postSigned,
  reactionEnvelope,
  slashCommandBody,
  viewActionPayload,
  viewSubmission,
} from '../support/slackRequests.js';
import { useAppPerTest } from '../support/testApp.js';

const REQUESTS = 2_500;
const CONCURRENCY = 16;
const SEED = 20261201;

type Scalar = null | boolean | number | string;
type Json = Scalar | Json[] | { [key: string]: Json };

function generator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const strings = [
    '',
    ' ',
    'null',
    '0',
    '-1',
    '1e309',
    'NaN',
    '__proto__',
    'constructor',
    '<!channel>',
    '\u0000',
    'ö'.repeat(5000),
    'x'.repeat(300),
    'U0FUZZ',
    'C0IOT',
    '1700000000.000001',
    '{"a":1}',
    '[[[]]]',
  ];
  const scalar = (): Scalar =>
    pick<() => Scalar>([() => null, () => random() < 0.5, () => Math.floor(random() * 1e6) - 5e5, () => random() * 1e308, () => pick(strings)])();
  const value = (depth: number): Json => {
    if (depth <= 0 || random() < 0.45) return scalar();
    if (random() < 0.4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth - 1));
    const out: Record<string, Json> = {};
    for (let i = 0; i < Math.floor(random() * 5); i++)
      out[pick(['type', 'user', 'id', 'event', 'view', 'state', 'values', 'actions', 'value', 'channel', 'item', 'ts', 'reaction', pick(strings)])] = value(
        depth - 1,
      );
    return out;
  };
  /** Changes one random spot of a payload: drops it, or puts another value there. */
  const mutate = (payload: Json, times: number): Json => {
    let current = structuredClone(payload);
    for (let i = 0; i < times; i++) {
      const path: (string | number)[] = [];
      let node: Json = current;
      while (node !== null && typeof node === 'object' && random() < 0.7) {
        const keys: (string | number)[] = Array.isArray(node) ? node.map((_, j) => j) : Object.keys(node);
        if (keys.length === 0) break;
        const key = pick(keys);
        path.push(key);
        node = (node as Record<string | number, Json>)[key]!;
      }
      if (path.length === 0) {
        current = random() < 0.5 ? value(3) : current;
        continue;
      }
      let parent = current as Record<string | number, Json>;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
      const last = path.at(-1)!;
      if (random() < 0.35 && !Array.isArray(parent)) Reflect.deleteProperty(parent, last);
      else parent[last] = value(2);
    }
    return current;
  };
  return { pick, scalar, value, mutate, random };
}

const METADATA = JSON.stringify({ v: 1, channelId: 'C0TYPED', source: 'slash_command' });

/** Slack's payloads as templates; none would create anything (unknown municipality, no suggestions). */
const TEMPLATES: Json[] = [
  needSubmissionPayload({ municipalityId: '99999', description: 'En beskrivning som är lång nog för att vara giltig.' }, METADATA) as Json,
  reactionEnvelope({ type: 'reaction_added', reaction: '+1', userId: 'U0FUZZ', channel: 'C0IOT', ts: '1700000000.000001' }) as Json,
  reactionEnvelope({ type: 'reaction_removed', reaction: 'raising_hand', userId: 'U0FUZZ', channel: 'C0IOT', ts: '1700000000.000001' }) as Json,
  {
    type: 'block_actions',
    team: { id: 'T0FAKE' },
    user: { id: 'U0FUZZ' },
    trigger_id: 't',
    channel: { id: 'C0IOT' },
    container: { type: 'message', message_ts: '1700000000.000001' },
    actions: [{ type: 'button', action_id: 'suggestion_claim', block_id: 'b', value: '1', action_ts: '1700000000.1' }],
  },
  {
    type: 'message_action',
    callback_id: 'record_need_from_message',
    trigger_id: 't',
    team: { id: 'T0FAKE' },
    user: { id: 'U0FUZZ' },
    channel: { id: 'C0TALK' },
    message: { text: 'hej', ts: '1.1' },
  },
  {
    type: 'view_submission',
    team: { id: 'T0FAKE' },
    user: { id: 'U0FUZZ' },
    view: {
      id: 'V0FUZZ',
      callback_id: 'recategorise_modal',
      private_metadata: '{"suggestionId":1}',
      state: { values: { areas: { value: { selected_options: [{ value: 'logistik' }] } } } },
    },
  },
  { type: 'url_verification', challenge: 'abc' },
  // The needs register: the Home tab, a need's page, its edit and withdraw forms (no need exists).
  appHomeOpenedEnvelope('U0FUZZ') as Json,
  viewActionPayload({
    userId: 'U0FUZZ',
    viewType: 'home',
    action: { actionId: 'home_filter_municipality', selectedOption: '1' },
    privateMetadata: '{"mine":8,"waiting":8,"latest":8}',
  }) as Json,
  viewActionPayload({ userId: 'U0FUZZ', viewType: 'home', action: { actionId: 'home_my_areas', selectedOptions: ['logistik'] } }) as Json,
  viewActionPayload({ userId: 'U0FUZZ', viewType: 'home', action: { actionId: 'home_more', value: 'latest' } }) as Json,
  viewActionPayload({ userId: 'U0FUZZ', viewType: 'modal', action: { actionId: 'need_edit', value: '1' }, privateMetadata: '{"needId":1}' }) as Json,
  viewActionPayload({ userId: 'U0FUZZ', viewType: 'home', action: { actionId: 'need_view', value: '1' } }) as Json,
  viewSubmission({
    callbackId: 'need_edit_modal',
    userId: 'U0FUZZ',
    privateMetadata: '{"needId":1}',
    values: needFormValues({ municipalityId: '1', description: 'En beskrivning som är lång nog för att vara giltig.' }, 'U0FUZZ'),
  }) as Json,
  viewSubmission({ callbackId: 'need_withdraw_modal', userId: 'U0FUZZ', privateMetadata: '{"needId":1}' }) as Json,
  viewSubmission({ callbackId: 'need_reroute_modal', userId: 'U0FUZZ', privateMetadata: '{"needId":1,"areas":["logistik"]}' }) as Json,
];

describe('fuzzed signed requests', () => {
  const ctx = useAppPerTest();

  it(`answers ${REQUESTS} seeded requests without a 5xx, keeps serving, and creates nothing`, async () => {
    const g = generator(seededRandom(SEED));
    const requests: { body: string; type: string }[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const roll = g.random();
      if (roll < 0.15) {
        // A random value as JSON, or as the interactivity form's payload.
        const json = JSON.stringify(g.value(4));
        requests.push(
          g.random() < 0.5
            ? { body: json, type: 'application/json' }
            : { body: new URLSearchParams({ payload: json }).toString(), type: 'application/x-www-form-urlencoded' },
        );
      } else if (roll < 0.3) {
        // A slash command with fields dropped or replaced.
        const form = new URLSearchParams(
          slashCommandBody({
            text: g.pick(['', 'help', '<!channel>', 'x'.repeat(20_000), 'mine', 'list motala öppna', 'search <!channel> läcka', `search ${'ö'.repeat(5000)}`]),
          }),
        );
        for (const key of [...form.keys()]) if (g.random() < 0.2) form.delete(key);
        if (g.random() < 0.3) form.set(g.pick(['user_id', 'channel_id', 'trigger_id', 'command', 'text']), String(g.scalar()));
        requests.push({ body: form.toString(), type: 'application/x-www-form-urlencoded' });
      } else {
        // One of Slack's payloads, mutated one to four times.
        const payload = g.mutate(g.pick(TEMPLATES), 1 + Math.floor(g.random() * 4));
        const asForm = g.random() < 0.6;
        const type =
          g.random() < 0.05
            ? g.pick(['text/plain', 'application/xml', '', 'application/json; charset=utf-8'])
            : asForm
              ? 'application/x-www-form-urlencoded'
              : 'application/json';
        requests.push({ body: asForm ? new URLSearchParams({ payload: JSON.stringify(payload) }).toString() : JSON.stringify(payload), type });
      }
    }

    const statuses = new Map<number, number>();
    const fiveHundreds: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const request = requests[next++]!;
          const res = await postSigned(`${ctx.app.baseUrl}/slack/events`, request.body, request.type);
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) fiveHundreds.push(`${res.status} ${request.type} ${request.body.slice(0, 300)}`);
        }
      }),
    );
    await ctx.app.server.settled();

    expect(fiveHundreds, fiveHundreds.slice(0, 5).join('\n')).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    expect((await fetch(`${ctx.app.baseUrl}/healthz`)).status).toBe(200);
    const db = ctx.app.server.db;
    expect({
      needs: await db.need.count(),
      feedback: await db.feedback.count(),
      posts: await db.suggestionPost.count(),
      outbox: await db.outboxMessage.count(),
      examples: await db.trainingExample.count({ where: { source: 'feedback' } }),
    }).toEqual({ needs: 0, feedback: 0, posts: 0, outbox: 0, examples: 0 });
    // Mostly refused, some accepted as harmless: both kinds occurred.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
  }, 120_000);
});
