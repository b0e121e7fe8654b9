// A local stand-in for Slack's Web API: a node:http server on loopback that records every call
// and answers like Slack. Tests point SLACK_API_URL at it and can make it fail on purpose.
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
  | { status: 500 | 502 | 503 }
  | { status: 429; retryAfterSeconds: number }
  | { slackError: string };

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Files POSTed to an upload_url from files.getUploadURLExternal, by file id. */
  readonly uploads = new Map<string, Buffer>();
  private readonly server: Server;
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, Failure[]>();
  private tsCounter = 0;
  private fileCounter = 0;
  /**
   * The WebSocket URL that apps.connections.open hands out (Socket Mode), e.g. a FakeSocketMode's
   * url. Unset, the method answers a plain `{ ok: true }` as before.
   */
  socketModeUrl: string | null = null;

  private constructor() {
    this.server = createServer((req, res) => {
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

  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<void> {
    return this.waitFor((calls) => calls.filter((c) => c.method === method).length >= count, `${count}× ${method}`, timeoutMs);
  }

  reset(): void {
    this.calls.length = 0;
    this.uploads.clear();
    this.failures.clear();
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
    const failure = this.failures.get(method)?.shift();
    const response = failure ? this.failureResponse(failure) : { status: 200, body: this.answer(call) };
    // Emit after the response is computed so waiters see the call; the client sees it right after.
    setImmediate(() => this.events.emit('call', call));
    return response;
  }

  /** The upload_url of the external upload flow: the WebClient POSTs the bytes as multipart form data. */
  private async handleUpload(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const fileId = (req.url ?? '').replace(/^\/upload\//, '');
    const raw = await readBody(req);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
    let bytes = raw;
    if ((req.headers['content-type'] ?? '').includes('multipart/form-data')) {
      const form = await new Request('http://fake/upload', { method: 'POST', headers, body: raw }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      if (part && typeof part !== 'string') bytes = Buffer.from(await part.arrayBuffer());
    }
    this.uploads.set(fileId, bytes);
    const call: RecordedCall = { method: 'upload', args: { file_id: fileId, bytes: bytes.length }, token: null, at: Date.now() };
    this.calls.push(call);
    const failure = this.failures.get('upload')?.shift();
    setImmediate(() => this.events.emit('call', call));
    if (failure && 'status' in failure) return { status: failure.status, body: { ok: false } };
    return { status: 200, body: { ok: true } };
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
        return { ok: true, view: { id: `V${this.calls.length}` } };
      case 'chat.postMessage':
        return { ok: true, channel: call.args.channel, ts: this.nextTs(), message: { text: call.args.text } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: call.args.channel, ts: call.args.ts };
      case 'files.getUploadURLExternal': {
        this.fileCounter += 1;
        const fileId = `F0FAKE${String(this.fileCounter).padStart(4, '0')}`;
        return { ok: true, file_id: fileId, upload_url: `${this.url.replace(/\/api\/$/, '')}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(call.args.files) ? call.args.files : []) as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '', name: f.title ?? '' })) };
      }
      default:
        return { ok: true };
    }
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
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
