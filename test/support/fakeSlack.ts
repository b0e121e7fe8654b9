// A local stand-in for Slack's Web API: a node:http server on loopback that records every call
// and answers like Slack. Tests point SLACK_API_URL at it and can make it fail on purpose: the
// next few calls, every call for a while (an outage), or posts beyond Slack's per-channel rate
// (429 with Retry-After). It keeps each channel's messages, with their metadata, and answers
// conversations.history from them.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  at: number;
}

export type Failure =
  /** `acted`: Slack did the work (a post is in the history) and then answered with the error. */
  { status: 500 | 502 | 503; acted?: boolean } | { status: 429; retryAfterSeconds: number } | { slackError: string };

/** A message as the channel's history holds it. */
export interface StoredMessage {
  ts: string;
  channel: string;
  text: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  files?: { id: string }[];
}

/** Runs after the fake acted on a call (a post is in the history) and before it answers. */
export type CallHook = (call: RecordedCall) => void | Promise<void>;

/** A channel as conversations.info shows it to the bot. */
export interface FakeChannel {
  name: string;
  isPrivate?: boolean;
  isMember?: boolean;
  isArchived?: boolean;
}

/** Members of every channel a test did not list in `members`. */
export const DEFAULT_MEMBERS = ['U0STAFF', 'U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', 'U0ERIK', 'U0ANNA', 'U0FUZZ', 'U0MEMBER'];

interface Outage {
  methods: Set<string> | 'all';
  failure: Failure;
  until: number;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Files POSTed to an upload_url from files.getUploadURLExternal, by file id. */
  readonly uploads = new Map<string, Buffer>();
  private readonly server: Server;
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, Failure[]>();
  private tsCounter = 0;
  private fileCounter = 0;
  private outages: Outage[] = [];
  private channelRate: { burst: number; intervalMs: number } | null = null;
  private readonly channelTokens = new Map<string, { tokens: number; at: number }>();
  private readonly hooks = new Map<string, CallHook>();
  private pendingCall: Promise<void> | null = null;
  /** Each channel's messages, oldest first (posted, or shared files). */
  readonly history = new Map<string, StoredMessage[]>();
  /** 429s answered because a channel's rate was exceeded. */
  rateLimited = 0;
  /**
   * Channels the workspace has, as the bot sees them. A channel not listed exists, is public and
   * has the bot as a member (what most tests assume); `null` makes it unknown (channel_not_found).
   */
  readonly channels = new Map<string, FakeChannel | null>();
  /**
   * Who sits in each channel (conversations.members). A channel not listed has DEFAULT_MEMBERS,
   * so tests that are not about permissions find their people in every team channel.
   */
  readonly members = new Map<string, string[]>();
  /** The bot token's granted scopes, sent in the x-oauth-scopes header of every answer (null: no header). */
  grantedScopes: string[] | null = null;
  /**
   * The WebSocket URL that apps.connections.open hands out (Socket Mode), e.g. a FakeSocketMode's
   * url. Unset, the method answers a plain `{ ok: true }` as before.
   */
  socketModeUrl: string | null = null;
  /** Files people uploaded (a file_input in a modal): files.info describes them, /download/<id> serves them. */
  readonly files = new Map<string, { name: string; filetype: string; bytes: Buffer }>();

  private constructor() {
    this.server = createServer((req, res) => {
      if ((req.url ?? '').startsWith('/download/')) {
        this.handleDownload(req, res);
        return;
      }
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    this.events.setMaxListeners(1000);
  }

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  /** The next `times` calls of `method` fail this way, then it answers normally again. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Every call of `methods` (or of every method) fails this way for `durationMs` from now. */
  failFor(methods: string[] | 'all', failure: Failure, durationMs: number): void {
    this.outages.push({ methods: methods === 'all' ? 'all' : new Set(methods), failure, until: Date.now() + durationMs });
  }

  /** Ends every outage now (Slack recovers). */
  recover(): void {
    this.outages = [];
  }

  /**
   * Slack's special limit on chat.postMessage: about one message per second per channel, short
   * bursts allowed. Beyond it the fake answers 429 with Retry-After.
   */
  limitPostsPerChannel(rate: { burst: number; intervalMs: number } | null): void {
    this.channelRate = rate;
    this.channelTokens.clear();
  }

  /** A file as if a person had uploaded it; returns its id (what a file_input submits). */
  addFile(name: string, bytes: Buffer): string {
    this.fileCounter += 1;
    const id = `F0UP${String(this.fileCounter).padStart(4, '0')}`;
    this.files.set(id, { name, filetype: name.split('.').pop()?.toLowerCase() ?? '', bytes });
    return id;
  }

  /** Runs `hook` after acting on each call of `method` and before answering it (null removes it). */
  onCall(method: string, hook: CallHook | null): void {
    if (hook) this.hooks.set(method, hook);
    else this.hooks.delete(method);
  }

  /** The messages of a channel that carry the given metadata event payload key/value. */
  messagesWithMetadata(channel: string, key: string, value: unknown): StoredMessage[] {
    return (this.history.get(channel) ?? []).filter((m) => m.metadata?.event_payload[key] === value);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `predicate` holds for the recorded calls; event-driven, no polling sleeps. */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, description: string, timeoutMs = 10_000): Promise<void> {
    if (predicate(this.calls)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onCall = () => {
        if (!predicate(this.calls)) return;
        clearTimeout(timer);
        this.events.off('call', onCall);
        resolve();
      };
      const timer = setTimeout(() => {
        this.events.off('call', onCall);
        reject(new Error(`timed out waiting for ${description}; calls: ${this.calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      this.events.on('call', onCall);
    });
  }

  /** Resolves at the next recorded call (one shared promise until then, so waiting on it in a loop adds no listeners). */
  nextCall(): Promise<void> {
    this.pendingCall ??= new Promise<void>((resolve) =>
      this.events.once('call', () => {
        this.pendingCall = null;
        resolve();
      }),
    );
    return this.pendingCall;
  }

  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<void> {
    return this.waitFor((calls) => calls.filter((c) => c.method === method).length >= count, `${count}× ${method}`, timeoutMs);
  }

  reset(): void {
    this.calls.length = 0;
    this.uploads.clear();
    this.failures.clear();
    this.outages = [];
    this.channelRate = null;
    this.channelTokens.clear();
    this.hooks.clear();
    this.history.clear();
    this.rateLimited = 0;
    this.channels.clear();
    this.members.clear();
    this.grantedScopes = null;
    this.files.clear();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    if ((req.url ?? '').startsWith('/upload/')) return this.handleUpload(req);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const raw = (await readBody(req)).toString('utf8');
    const call: RecordedCall = {
      method,
      args: parseArgs(raw, req.headers['content-type'] ?? ''),
      token: (req.headers.authorization ?? '').replace(/^Bearer /, '') || null,
      at: Date.now(),
    };
    this.calls.push(call);
    const failure = this.failures.get(method)?.shift() ?? this.outageFailure(method) ?? this.rateFailure(call);
    if (failure && 'status' in failure && failure.status !== 429 && failure.acted) this.answer(call);
    const response = failure ? this.failureResponse(failure) : { status: 200, body: this.answer(call) };
    if (this.grantedScopes && call.token?.startsWith('xoxb-')) response.headers = { ...response.headers, 'x-oauth-scopes': this.grantedScopes.join(',') };
    await this.hooks.get(method)?.(call);
    // Emit after the response is computed so waiters see the call; the client sees it right after.
    setImmediate(() => this.events.emit('call', call));
    return response;
  }

  /** The upload_url of the external upload flow: the WebClient POSTs the bytes as multipart form data. */
  private async handleUpload(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const fileId = (req.url ?? '').replace(/^\/upload\//, '');
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const bytes = contentType.includes('multipart/form-data') ? (multipartFile(raw, contentType) ?? raw) : raw;
    this.uploads.set(fileId, bytes);
    const call: RecordedCall = { method: 'upload', args: { file_id: fileId, bytes: bytes.length }, token: null, at: Date.now() };
    this.calls.push(call);
    const failure = this.failures.get('upload')?.shift();
    setImmediate(() => this.events.emit('call', call));
    if (failure && 'status' in failure) return { status: failure.status, body: { ok: false } };
    return { status: 200, body: { ok: true } };
  }

  /** url_private_download: the bytes, for the bot token only (recorded as method 'download'). */
  private handleDownload(req: IncomingMessage, res: import('node:http').ServerResponse): void {
    const id = (req.url ?? '').replace(/^\/download\//, '');
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || null;
    const call: RecordedCall = { method: 'download', args: { file: id }, token, at: Date.now() };
    this.calls.push(call);
    setImmediate(() => this.events.emit('call', call));
    const file = this.files.get(id);
    if (!token?.startsWith('xoxb-') || !file) {
      res.writeHead(token?.startsWith('xoxb-') ? 404 : 403, { 'content-type': 'text/plain' });
      res.end('no');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) });
    res.end(file.bytes);
  }

  private outageFailure(method: string): Failure | undefined {
    const now = Date.now();
    this.outages = this.outages.filter((o) => o.until > now);
    return this.outages.find((o) => o.methods === 'all' || o.methods.has(method))?.failure;
  }

  /** A token bucket per channel for chat.postMessage, as Slack enforces it. */
  private rateFailure(call: RecordedCall): Failure | undefined {
    if (!this.channelRate || call.method !== 'chat.postMessage') return undefined;
    const channel = String(call.args.channel);
    const { burst, intervalMs } = this.channelRate;
    const now = Date.now();
    const bucket = this.channelTokens.get(channel) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / intervalMs);
    bucket.at = now;
    this.channelTokens.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    this.rateLimited += 1;
    return { status: 429, retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * intervalMs) / 1000)) };
  }

  private store(message: StoredMessage): void {
    const list = this.history.get(message.channel) ?? [];
    list.push(message);
    this.history.set(message.channel, list);
  }

  private channelAnswer(call: RecordedCall, join: boolean): unknown {
    const id = argText(call.args.channel);
    const known = this.channels.get(id);
    if (known === null) return { ok: false, error: 'channel_not_found' };
    const channel = known ?? { name: id.toLowerCase(), isMember: true };
    const shape = () => ({
      id,
      name: channel.name,
      is_channel: !channel.isPrivate,
      is_private: channel.isPrivate ?? false,
      is_archived: channel.isArchived ?? false,
      is_member: channel.isMember ?? false,
    });
    if (!join) return { ok: true, channel: shape() };
    if (channel.isArchived) return { ok: false, error: 'is_archived' };
    if (channel.isPrivate) return { ok: false, error: 'method_not_supported_for_channel_type' };
    channel.isMember = true;
    this.channels.set(id, channel);
    return { ok: true, channel: shape() };
  }

  private failureResponse(failure: Failure): { status: number; body: unknown; headers?: Record<string, string> } {
    if ('slackError' in failure) return { status: 200, body: { ok: false, error: failure.slackError } };
    if (failure.status === 429)
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(failure.retryAfterSeconds) } };
    return { status: failure.status, body: { ok: false, error: 'internal_error' } };
  }

  private answer(call: RecordedCall): unknown {
    switch (call.method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'behovsbryggan', team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'apps.connections.open':
        if (this.socketModeUrl === null) return { ok: true };
        // Slack wants the app-level token here; a bot token is refused.
        if (!call.token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
        return { ok: true, url: this.socketModeUrl };
      case 'views.open':
      case 'views.push':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.calls.length}`, ...(call.args.view as object) } };
      case 'views.update':
        return { ok: true, view: { id: call.args.view_id, ...(call.args.view as object) } };
      case 'conversations.members': {
        const id = argText(call.args.channel);
        if (this.channels.get(id) === null) return { ok: false, error: 'channel_not_found' };
        return { ok: true, members: this.members.get(id) ?? DEFAULT_MEMBERS, response_metadata: { next_cursor: '' } };
      }
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const metadata = call.args.metadata as StoredMessage['metadata'] | undefined;
        this.store({ ts, channel: String(call.args.channel), text: argText(call.args.text), ...(metadata ? { metadata } : {}) });
        return { ok: true, channel: call.args.channel, ts, message: { text: call.args.text } };
      }
      case 'conversations.info':
        return this.channelAnswer(call, false);
      case 'conversations.open': {
        // The DM of the app with one person: D + the user id without its U.
        const user = argText(call.args.users).split(',')[0] ?? '';
        return { ok: true, channel: { id: `D${user.replace(/^[UW]/, '')}` } };
      }
      case 'conversations.join':
        return this.channelAnswer(call, true);
      case 'conversations.history': {
        const oldest = Number(call.args.oldest ?? 0);
        const withMetadata = call.args.include_all_metadata === true || call.args.include_all_metadata === 'true';
        const messages = (this.history.get(String(call.args.channel)) ?? [])
          .filter((m) => Number(m.ts) >= oldest)
          .reverse()
          .map(({ metadata, channel: _channel, ...m }) => ({ type: 'message', ...m, ...(withMetadata && metadata ? { metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: call.args.channel, ts: call.args.ts };
      case 'files.info': {
        const id = argText(call.args.file);
        const file = this.files.get(id);
        if (!file) return { ok: false, error: 'file_not_found' };
        const origin = this.url.replace(/\/api\/$/, '');
        return {
          ok: true,
          file: { id, name: file.name, title: file.name, filetype: file.filetype, size: file.bytes.length, url_private_download: `${origin}/download/${id}` },
        };
      }
      case 'files.getUploadURLExternal': {
        this.fileCounter += 1;
        const fileId = `F0FAKE${String(this.fileCounter).padStart(4, '0')}`;
        return { ok: true, file_id: fileId, upload_url: `${this.url.replace(/\/api\/$/, '')}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(call.args.files) ? call.args.files : []) as { id: string; title?: string }[];
        if (call.args.channel_id) this.store({ ts: this.nextTs(), channel: argText(call.args.channel_id), text: '', files: files.map((f) => ({ id: f.id })) });
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '', name: f.title ?? '' })) };
      }
      default:
        return { ok: true };
    }
  }

  /** Message timestamps from the real clock (conversations.history filters on them), unique. */
  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }
}

/** An argument as the text Slack reads: a string as it is, a number or boolean written out, anything else (absent) empty. */
function argText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * The bytes of the first file part (one with a filename) of a multipart/form-data body, or null
 * when it has none. Enough for what the WebClient sends to an upload_url: parts separated by
 * `--boundary` lines, each its headers, an empty line, then its bytes up to the CRLF before the next.
 */
function multipartFile(body: Buffer, contentType: string): Buffer | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const name = boundary?.[1] ?? boundary?.[2];
  if (name === undefined) return null;
  const delimiter = Buffer.from(`\r\n--${name}`);
  // The first delimiter may start the body, without the CRLF before it.
  let at = body.indexOf(delimiter.subarray(2));
  if (at === -1) return null;
  at += delimiter.length - 2;
  for (;;) {
    const next = body.indexOf(delimiter, at);
    if (next === -1) return null;
    const part = body.subarray(at, next);
    const headersEnd = part.indexOf('\r\n\r\n');
    if (headersEnd !== -1 && /filename=/i.test(part.subarray(0, headersEnd).toString('utf8'))) return part.subarray(headersEnd + 4);
    at = next + delimiter.length;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The WebClient posts form-encoded bodies whose nested values (blocks, view) are JSON strings. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
