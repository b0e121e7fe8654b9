// A local stand-in for Slack's Socket Mode WebSocket endpoint (the `url` that apps.connections.open
// hands out): a `ws` server on loopback that greets each connection with `hello`, delivers
// envelopes as Slack does and records the client's acks and how the connection closed. Pings from
// the client are answered with pongs (ws does that by itself), which keeps @slack/socket-mode's
// health check satisfied.
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What Slack sends over the socket for each request. */
export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** What the app sends back: the envelope id, and for commands and interactions an optional response. */
export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface Closed {
  code: number;
  reason: string;
}

export interface DeliverOptions {
  /** Socket Mode redelivery: 1, 2, … with a reason such as "timeout". Only events_api carries these. */
  retryAttempt?: number;
  retryReason?: string;
  /** Reuse an envelope id (Slack gives each delivery its own; tests may not). */
  envelopeId?: string;
}

export const SOCKET_MODE_PATH = '/link';

export class FakeSocketMode {
  /** Every ack received, in order. */
  readonly acks: Ack[] = [];
  /** Client frames that were not acks (should stay empty). */
  readonly unexpected: string[] = [];
  /** How each connection ended, as seen by the server. */
  readonly closes: Closed[] = [];
  /** Pings the client sent (its health check). */
  pings = 0;
  connections = 0;
  /** When false, connections are accepted but never greeted with `hello` (a broken proxy, a stuck edge). */
  greet = true;
  private socket: WebSocket | null = null;
  private envelopeCounter = 0;
  private readonly events = new EventEmitter();
  private readonly http: Server;
  private readonly wss: WebSocketServer;

  private constructor() {
    this.events.setMaxListeners(1000);
    this.http = createServer((_req, res) => {
      res.writeHead(404).end();
    });
    // autoPong (the default): every ping is answered with a pong, as Slack does.
    this.wss = new WebSocketServer({ noServer: true, autoPong: true });
    this.http.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://fake').pathname !== SOCKET_MODE_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const fake = new FakeSocketMode();
    await new Promise<void>((resolve) => fake.http.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}${SOCKET_MODE_PATH}`;
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  /** Resolves once a client is connected and has been sent `hello`. */
  waitForConnection(timeoutMs = 10_000): Promise<void> {
    return this.waitUntil(() => this.socket !== null, 'connected', 'a Socket Mode connection', timeoutMs);
  }

  /** Sends one envelope and returns its id; the ack arrives later (see waitForAck). */
  send(type: EnvelopeType, payload: unknown, options: DeliverOptions = {}): string {
    if (!this.socket) throw new Error('no Socket Mode client is connected');
    this.envelopeCounter += 1;
    const envelope: Envelope = {
      envelope_id: options.envelopeId ?? `env-${this.envelopeCounter}-${Math.random().toString(36).slice(2, 10)}`,
      type,
      payload,
      // Slack accepts a response payload for commands and interactions, never for events.
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' } : {}),
    };
    this.socket.send(JSON.stringify(envelope));
    return envelope.envelope_id;
  }

  /** Sends an envelope and resolves with its ack. */
  async deliver(type: EnvelopeType, payload: unknown, options: DeliverOptions = {}, timeoutMs?: number): Promise<Ack> {
    const acked = this.acks.length;
    const id = this.send(type, payload, options);
    return this.waitForAck(id, timeoutMs, acked);
  }

  /** Resolves with the first ack for `envelopeId` (looking at acks from index `from` on). */
  async waitForAck(envelopeId: string, timeoutMs = 10_000, from = 0): Promise<Ack> {
    const find = () => this.acks.slice(from).find((a) => a.envelope_id === envelopeId);
    await this.waitUntil(() => find() !== undefined, 'ack', `the ack of ${envelopeId}`, timeoutMs);
    return find()!;
  }

  /** Resolves once the client has sent `count` pings in all (its health check; ws answers each with a pong). */
  waitForPings(count: number, timeoutMs = 10_000): Promise<void> {
    return this.waitUntil(() => this.pings >= count, 'ping', `${count} pings from the client`, timeoutMs);
  }

  /** Resolves with how the connection closed once the current (or next) connection has closed. */
  async waitForClose(timeoutMs = 10_000): Promise<Closed> {
    const before = this.closes.length;
    await this.waitUntil(() => this.closes.length > before, 'close', 'the Socket Mode connection to close', timeoutMs);
    return this.closes.at(-1)!;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.connections += 1;
    this.socket = ws;
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('ping', () => {
      this.pings += 1;
      this.events.emit('ping');
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (this.socket === ws) this.socket = null;
      this.closes.push({ code, reason: reason.toString('utf8') });
      this.events.emit('close');
    });
    if (!this.greet) return;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.wss.clients.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0APP' },
      }),
    );
    this.events.emit('connected');
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    let message: unknown;
    try {
      message = isBinary ? null : JSON.parse(text);
    } catch {
      message = null;
    }
    const envelopeId = typeof message === 'object' && message !== null ? (message as { envelope_id?: unknown }).envelope_id : undefined;
    if (typeof envelopeId !== 'string') {
      this.unexpected.push(text);
      return;
    }
    this.acks.push(message as Ack);
    this.events.emit('ack');
  }

  /** Event-driven wait with a bounded timeout (no polling). */
  private waitUntil(predicate: () => boolean, event: string, description: string, timeoutMs: number): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.events.off(event, check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.events.off(event, check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      this.events.on(event, check);
    });
  }
}
