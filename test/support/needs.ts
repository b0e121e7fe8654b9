// Recording needs through the real app, as a person does: /need, then the modal's submission.
import type { FakeSlack } from './fakeSlack.js';
import { needSubmissionPayload, nextViewId, postCommand, postInteraction } from './slackRequests.js';
import type { TestApp } from './testApp.js';

export const HOME_CARE_NEED =
  'Hemtjänsten i Kinda vill ha sensorer och trygghetslarm som larmar när en brukare ramlar, uppkopplade mot våra digitala lås och tillsyn på natten.';

/** /need → views.open; the private_metadata the modal carries. */
export async function openNeedModal(app: TestApp, fake: FakeSlack, userId = 'U0STAFF'): Promise<string> {
  const before = fake.callsOf('views.open').length;
  const res = await postCommand(app.baseUrl, { userId, channelId: 'C0TYPED' });
  if (res.status !== 200) throw new Error(`/need answered ${res.status}`);
  await fake.waitForCalls('views.open', before + 1);
  return (fake.callsOf('views.open').at(-1)!.args.view as { private_metadata: string }).private_metadata;
}

export async function municipalityIdOf(app: TestApp, name = 'Kinda'): Promise<string> {
  return String((await app.server.db.municipality.findUniqueOrThrow({ where: { name } })).id);
}

export interface SubmitOptions {
  description?: string;
  municipality?: string;
  viewId?: string;
  metadata?: string;
}

/** Submits the need modal; returns the HTTP response (the ack). */
export async function submitNeed(app: TestApp, fake: FakeSlack, options: SubmitOptions = {}): Promise<Response> {
  const metadata = options.metadata ?? (await openNeedModal(app, fake));
  const payload = needSubmissionPayload(
    { municipalityId: await municipalityIdOf(app, options.municipality), description: options.description ?? HOME_CARE_NEED },
    metadata,
    'U0STAFF',
    options.viewId ?? nextViewId(),
  );
  return postInteraction(app.baseUrl, payload);
}

export interface PostedNeed {
  needId: number;
  /** channel → message ts of its suggestion */
  ts: Record<string, string>;
  /** channel → suggestion id (the buttons' value) */
  ids: Record<string, number>;
}

/** Records a need and waits until the app has settled (classified, routed, posted). */
export async function recordNeed(app: TestApp, fake: FakeSlack, options: SubmitOptions = {}): Promise<PostedNeed> {
  const res = await submitNeed(app, fake, options);
  const body = await res.text();
  if (res.status !== 200 || body !== '') throw new Error(`the submission was not accepted: ${res.status} ${body}`);
  await app.server.settled();
  const need = await app.server.db.need.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const posts = await app.server.db.suggestionPost.findMany({ where: { needId: need.id } });
  return {
    needId: need.id,
    ts: Object.fromEntries(posts.filter((p) => p.messageTs).map((p) => [p.channelId, p.messageTs!])),
    ids: Object.fromEntries(posts.map((p) => [p.channelId, p.id])),
  };
}
