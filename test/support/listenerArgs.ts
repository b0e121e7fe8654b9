// Fakes for calling a Slack listener directly, the way Slack's bolt-ts-starter-template tests its
// listeners: the exported handler gets a fake `ack`, `respond`, `client` and `logger`, the payload
// Slack sends (test/support/slackRequests.ts builds them), and `deps` whose every service method
// is a vi.fn. No database, no HTTP, no Bolt app: a test runs in milliseconds.
import { createHash } from 'node:crypto';
import type { App, Logger, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Mock, vi } from 'vitest';
import { z } from 'zod';
import type { NeedsExport } from '../../src/export/needsExport.js';
import type { FeedbackService } from '../../src/feedback/giveFeedback.js';
import type { ImportService } from '../../src/import/importService.js';
import { FIRST_PAGES, type HomeData, type NeedsHome } from '../../src/register/home.js';
import type { NeedChanges } from '../../src/change-need/needChanges.js';
import type { NeedService } from '../../src/record-need/recordNeed.js';
import type { NeedDetail } from '../../src/needs/store/needViews.js';
import type { NeedRegister } from '../../src/register/registerRepository.js';
import type { UserPreferences } from '../../src/register/preferencesRepository.js';
import type { ListenerDeps, SlackImportDeps } from '../../src/platform/slack/deps.js';
import { SHIPPED_AREA_NAMES } from './shippedMatcher.js';

/** A few of Östergötland's municipalities, as deps hold them (loaded at start-up). */
export const MUNICIPALITIES: ListenerDeps['municipalities'] = [
  { id: 1, name: 'Linköping' },
  { id: 2, name: 'Norrköping' },
  { id: 3, name: 'Motala' },
];

/** Östergötland's strength areas, as the shipped region pack names them (what deps hold, loaded at start-up). */
export const AREAS: ListenerDeps['areas'] = SHIPPED_AREA_NAMES.map(({ slug, name, nameEn }) => ({ slug, name, nameEn }));

/** What the App Home shows someone with nothing yet. */
export function emptyHome(): HomeData {
  return {
    counts: { open: 0, claimed: 0, resolvedSince: 0 },
    mine: { items: [], more: false },
    waiting: { items: [], more: false, areas: [], followsChannels: true },
    latest: { items: [], more: false, filter: {} },
    pages: FIRST_PAGES,
  };
}

/** A need's page as the service loads it: a need in Motala, routed to logistics, nothing else yet. */
export function needDetail(): NeedDetail {
  return {
    need: {
      id: 7,
      title: 'Laddstolpar i Motala',
      description: 'Kommunen behöver fler laddstolpar vid resecentrum.',
      sector: null,
      municipality: 'Motala',
      municipalContact: null,
      ourContactUserId: 'U0STAFF',
      recordedByUserId: 'U0STAFF',
      sourceLabel: null,
      recordedAt: new Date('2026-05-04T09:00:00Z'),
      abstained: false,
      areas: [{ slug: 'logistik', name: 'Effektiv logistik', nameEn: 'Efficient logistics', score: 0.7, terms: ['laddstolpar'] }],
      recategorisedBy: null,
      environments: [],
      status: 'open',
      withdrawn: null,
      claimedByUserId: null,
      feedbackByChannel: [],
    },
    posts: [],
    history: [],
  };
}

/** The names of T's methods (a class's private fields are no keys of its type). */
type MethodKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

/** Every method of T as a vi.fn of the same type (properties, not methods: `expect(fake.method)` is no unbound method). */
export type Fake<T> = { [K in MethodKeys<T>]: T[K] extends (...args: infer A) => infer R ? Mock<(...args: A) => R> : never };

/** ListenerDeps whose services are vi.fn objects: set or check any method; `asDeps` hands it to a listener. */
export type FakeDeps = Omit<ListenerDeps, 'needs' | 'feedback' | 'register' | 'home' | 'preferences' | 'changes' | 'deliveries' | 'exports' | 'imports'> & {
  needs: Fake<NeedService>;
  feedback: Fake<FeedbackService>;
  register: Fake<NeedRegister>;
  home: Fake<NeedsHome>;
  preferences: Fake<UserPreferences>;
  changes: Fake<NeedChanges>;
  deliveries: Fake<ListenerDeps['deliveries']>;
  exports?: Fake<NeedsExport>;
  imports?: Omit<SlackImportDeps, 'service'> & { service: Fake<ImportService> };
};

/** Slack's file host, where an uploaded import may be fetched from. */
export const FILE_HOST = 'https://files.slack.com';

/**
 * Fake deps in Swedish (the default locale). Every method resolves to undefined unless the test
 * says otherwise, except the ones whose "nothing there" answer is not undefined: no delivery was
 * handled yet (and a claim succeeds), preferences are the defaults, the App Home is empty. Each
 * service is typed as its Fake, so leaving out a method (or naming one it lacks) does not compile.
 */
export function fakeDeps(overrides: Partial<FakeDeps> = {}): FakeDeps {
  const needs: Fake<NeedService> = {
    needDetail: vi.fn(),
    needSummary: vi.fn(),
    recordNeed: vi.fn(),
    recordNeeds: vi.fn(),
    routeNeed: vi.fn(),
    routeNeeds: vi.fn(),
    unroutedNeedIds: vi.fn(),
  };
  const feedback: Fake<FeedbackService> = {
    findSuggestion: vi.fn(),
    suggestionById: vi.fn(),
    refusal: vi.fn(),
    addFeedback: vi.fn(),
    removeFeedback: vi.fn(),
    toggleFeedback: vi.fn(),
    recategorise: vi.fn(),
  };
  const register: Fake<NeedRegister> = { counts: vi.fn(), mine: vi.fn(), waitingIn: vi.fn(), latest: vi.fn(), search: vi.fn() };
  const home: Fake<NeedsHome> = { areasOf: vi.fn(), load: vi.fn() };
  home.load.mockResolvedValue(emptyHome());
  const preferences: Fake<UserPreferences> = { get: vi.fn(), setAreas: vi.fn(), setFilter: vi.fn() };
  preferences.get.mockResolvedValue({ areas: null, filter: {} });
  const changes: Fake<NeedChanges> = { ownerRefusal: vi.fn(), editable: vi.fn(), editNeed: vi.fn(), withdrawNeed: vi.fn() };
  const deliveries: Fake<ListenerDeps['deliveries']> = { handled: vi.fn(), claim: vi.fn() };
  deliveries.handled.mockResolvedValue(false);
  deliveries.claim.mockResolvedValue(true);
  const exports: Fake<NeedsExport> = { mayExport: vi.fn(), forUser: vi.fn() };
  const service: Fake<ImportService> = { run: vi.fn() };
  return {
    locale: 'sv',
    municipalities: MUNICIPALITIES,
    areas: AREAS,
    needs,
    feedback,
    register,
    home,
    preferences,
    changes,
    deliveries,
    exports,
    imports: { service, downloadOrigins: [FILE_HOST] },
    ...overrides,
  };
}

/**
 * The deps a listener is made with. The one boundary for deps: the services are classes with
 * private fields, which no object literal can be typed as; each Fake has every public method.
 */
export const asDeps = (fake: FakeDeps): ListenerDeps => fake as unknown as ListenerDeps;

export type FakeLogger = Fake<Logger>;

export function fakeLogger(): FakeLogger {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn(), setLevel: vi.fn(), getLevel: vi.fn(), setName: vi.fn() };
}

/** The Web API methods the listeners call, each resolving `{ ok: true }` (conversations.open: a DM). */
export function fakeClient() {
  return {
    views: {
      open: vi.fn<WebClient['views']['open']>().mockResolvedValue({ ok: true }),
      push: vi.fn<WebClient['views']['push']>().mockResolvedValue({ ok: true }),
      update: vi.fn<WebClient['views']['update']>().mockResolvedValue({ ok: true }),
      publish: vi.fn<WebClient['views']['publish']>().mockResolvedValue({ ok: true }),
    },
    chat: {
      postMessage: vi.fn<WebClient['chat']['postMessage']>().mockResolvedValue({ ok: true }),
      postEphemeral: vi.fn<WebClient['chat']['postEphemeral']>().mockResolvedValue({ ok: true }),
    },
    conversations: { open: vi.fn<WebClient['conversations']['open']>().mockResolvedValue({ ok: true, channel: { id: 'D0DIRECT' } }) },
    files: {
      info: vi.fn<WebClient['files']['info']>().mockResolvedValue({ ok: true }),
      getUploadURLExternal: vi.fn<WebClient['files']['getUploadURLExternal']>().mockResolvedValue({ ok: true }),
      completeUploadExternal: vi.fn<WebClient['files']['completeUploadExternal']>().mockResolvedValue({ ok: true, files: [] }),
    },
  };
}

export type FakeClient = ReturnType<typeof fakeClient>;

/** A file uploaded through the import modal: what files.info says of it and what the file host serves. */
export interface UploadedFile {
  id: string;
  name: string;
  bytes: Buffer;
}

/**
 * Serves an uploaded file: files.info describes it (on Slack's file host) and a fake global fetch
 * returns its bytes (restore it with vi.restoreAllMocks()). Answers its sha256 and the fake fetch.
 */
export function serveUploadedFile(client: FakeClient, file: UploadedFile) {
  client.files.info.mockResolvedValue({
    ok: true,
    file: {
      id: file.id,
      name: file.name,
      filetype: file.name.split('.').pop(),
      size: file.bytes.length,
      url_private_download: `${FILE_HOST}/files-pri/T0FAKE-${file.id}/${file.name}`,
    },
  });
  const download = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(new Response(new Uint8Array(file.bytes))));
  return { sha256: createHash('sha256').update(file.bytes).digest('hex'), download };
}

/** The bot's own user id, as Bolt puts it in `context`. */
export const BOT_USER_ID = 'U0BOT';

/** What Bolt hands a listener (the parts these listeners read): the fakes, and the payload under the names Bolt gives it. */
export interface FakeArgs {
  ack: Mock<(response?: unknown) => Promise<void>>;
  respond: Mock<RespondFn>;
  client: FakeClient;
  logger: FakeLogger;
  context: { botToken: string; botUserId: string };
  body?: unknown;
  event?: unknown;
  command?: unknown;
  shortcut?: unknown;
}

export function fakeArgs(payload: Pick<FakeArgs, 'body' | 'event' | 'command' | 'shortcut'>): FakeArgs {
  return {
    ack: vi.fn<(response?: unknown) => Promise<void>>().mockResolvedValue(undefined),
    respond: vi.fn<RespondFn>().mockResolvedValue(new Response(null)),
    client: fakeClient(),
    logger: fakeLogger(),
    context: { botToken: 'xoxb-test', botUserId: BOT_USER_ID },
    ...payload,
  };
}

/** An Events API delivery: Bolt passes the envelope as `body` and its event as `event`. */
export const eventArgs = (envelope: Record<string, unknown>): FakeArgs => fakeArgs({ body: envelope, event: envelope.event });

/** A slash command as Slack posts it (form-encoded): Bolt passes the fields as `command` and `body`. */
export function commandArgs(formBody: string): FakeArgs {
  const command = Object.fromEntries(new URLSearchParams(formBody));
  return fakeArgs({ body: command, command });
}

/** A block_actions or view_submission payload: the listeners read `body`. */
export const interactionArgs = (body: unknown): FakeArgs => fakeArgs({ body });

/** The trigger_id a payload carries (for views.open and views.push). */
export const triggerIdOf = (args: FakeArgs): string => z.object({ trigger_id: z.string() }).parse(args.body).trigger_id;

/** A message shortcut: Bolt passes it as `shortcut` and `body`. */
export const shortcutArgs = (shortcut: unknown): FakeArgs => fakeArgs({ body: shortcut, shortcut });

/** Any Bolt listener (every function takes `never`). */
export type Listener = (args: never) => Promise<unknown> | undefined;

/**
 * Calls a listener with fake args. The one boundary for args: Bolt's argument types describe every
 * middleware field of a real request; the fakes carry those the listeners read.
 */
export async function callListener(listener: Listener, args: FakeArgs): Promise<void> {
  await listener(args as never);
}

/** What a listener kind's `register(app, deps)` registered: the method, the constraint and the listener. */
export interface Registration {
  method: 'action' | 'command' | 'event' | 'shortcut' | 'view';
  constraint: unknown;
  listener: Listener;
}

/** A Bolt app that only records registrations. */
export function fakeApp(): { app: App; registered: Registration[] } {
  const registered: Registration[] = [];
  const record = (method: Registration['method']) =>
    vi.fn((constraint: unknown, listener: Listener) => {
      registered.push({ method, constraint, listener });
    });
  const app = { action: record('action'), command: record('command'), event: record('event'), shortcut: record('shortcut'), view: record('view') };
  // The one boundary for the app: `register` only calls these five methods.
  return { app: app as unknown as App, registered };
}
