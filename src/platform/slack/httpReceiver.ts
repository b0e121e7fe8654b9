// The HTTP receiver: Slack's requests at POST /slack/events, plus plain GET routes (/healthz).
// It replaces Bolt's HTTPReceiver, which reads `body.ssl_check` of a correctly signed `null` body
// in an async function nobody awaits (the process died), answers 500 when Bolt's own dispatch
// throws on an odd body, and refuses only old timestamps, not ones from the future.
// Here: a request is verified (signature; timestamp within ±5 minutes), parsed totally and checked
// against the envelopes Slack sends (envelope.ts) before Bolt sees it. Anything else is a 4xx;
// nothing a client sends is answered with a 5xx. Acks go through Bolt's own HTTPResponseAck.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, type Logger, type Receiver, type ReceiverEvent, ReceiverMultipleAckError } from '@slack/bolt';
import { envelopeOf, parseSlackBody } from './envelope.js';
import type { PendingAcks } from './pendingAcks.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack refuses requests more than five minutes old; we refuse both directions. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Far above anything Slack sends (a full modal is a few tens of kB). */
const BODY_LIMIT_BYTES = 1024 * 1024;
/** Slack gives up after 3 s; a listener that has not answered by then gets Bolt's 404. */
const UNANSWERED_AFTER_MS = 3_000;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Plain GET routes, e.g. { '/healthz': handler }. */
  getRoutes?: Record<string, RouteHandler>;
  /** Counts Slack requests from their arrival to their answer (background work gives way). */
  pendingAcks?: PendingAcks;
  /** Time source for the timestamp check (tests). */
  nowMs?: () => number;
}

export type SignatureProblem = 'missing' | 'stale' | 'future' | 'mismatch';

/** Checks Slack's v0 request signature; null when the request is genuine and current. */
export function checkSignature(args: {
  signingSecret: string;
  body: Buffer;
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
  nowMs: number;
}): SignatureProblem | null {
  const { timestamp, signature } = args;
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return 'missing';
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature)) return 'missing';
  const skew = Number(timestamp) - Math.floor(args.nowMs / 1000);
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return 'stale';
  if (skew > MAX_CLOCK_SKEW_SECONDS) return 'future';
  const expected = createHmac('sha256', args.signingSecret).update(`v0:${timestamp}:`).update(args.body).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'mismatch';
}

function answer(res: ServerResponse, status: number, body?: string, contentType = 'application/json'): void {
  if (res.headersSent) return;
  res.writeHead(status, body === undefined ? {} : { 'content-type': contentType });
  res.end(body);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const retryNumOf = (req: IncomingMessage): number | undefined => {
  const value = req.headers['x-slack-retry-num'];
  return typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : undefined;
};

export class SlackHttpReceiver implements Receiver {
  private app: App | null = null;
  private server: Server | null = null;
  private readonly nowMs: () => number;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Listens on `port` (0 picks a free one); resolves with the server once it listens. */
  start(port: number): Promise<Server> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        this.options.logger.error('request handling failed', error);
        answer(res, 400);
      });
    });
    // A client that trickles its request must not hold a connection for minutes…
    server.requestTimeout = 15_000;
    server.headersTimeout = 10_000;
    // …but an idle keep-alive connection stays open longer than a client or proxy keeps it (load
    // balancers idle out after 60 s): the server closing first races with a request being sent on
    // the same connection, and that request is reset (seen under load with Node's 5 s default).
    server.keepAliveTimeout = 65_000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
  }

  address(): AddressInfo | null {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? address : null;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === SLACK_EVENTS_PATH) {
      const answered = this.options.pendingAcks?.begin();
      if (answered) res.once('finish', answered).once('close', answered);
      return this.handleSlackRequest(req, res);
    }
    const handler = req.method === 'GET' && path !== undefined ? this.options.getRoutes?.[path] : undefined;
    if (handler) return handler(req, res);
    answer(res, 404);
  }

  private async handleSlackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    let raw: Buffer;
    try {
      raw = await readBody(req, BODY_LIMIT_BYTES);
    } catch (error) {
      answer(res, error instanceof BodyTooLarge ? 413 : 400);
      return;
    }
    const body = parseSlackBody(raw, req.headers['content-type']);
    const envelope = envelopeOf(body);
    // Slack's SSL check comes unsigned and needs nothing but a 200.
    if (envelope?.kind === 'ssl_check') {
      answer(res, 200);
      return;
    }
    const problem = checkSignature({
      signingSecret: this.options.signingSecret,
      body: raw,
      timestamp: req.headers['x-slack-request-timestamp'],
      signature: req.headers['x-slack-signature'],
      nowMs: this.nowMs(),
    });
    if (problem) {
      logger.warn(`refused a request to ${SLACK_EVENTS_PATH}: signature ${problem}`);
      answer(res, 401);
      return;
    }
    if (!envelope) {
      logger.debug('refused a signed request whose body is no Slack envelope');
      answer(res, 400);
      return;
    }
    if (envelope.kind === 'url_verification') {
      answer(res, 200, JSON.stringify({ challenge: envelope.challenge }));
      return;
    }
    if (envelope.kind === 'app_rate_limited') {
      logger.warn('Slack says the app is rate limited for events (app_rate_limited)');
      answer(res, 200);
      return;
    }
    await this.dispatch(req, res, envelope.body);
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const ack = new ResponseAck(res, this.options.logger);
    const event: ReceiverEvent = {
      body,
      ack: (response) => ack.send(response),
      retryNum: retryNumOf(req),
      retryReason: typeof req.headers['x-slack-retry-reason'] === 'string' ? req.headers['x-slack-retry-reason'] : undefined,
      customProperties: {},
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      // Bolt's dispatch threw before any listener answered: the payload had a shape Bolt could not
      // take. The client's fault, not ours to retry.
      this.options.logger.debug('Bolt could not dispatch a request', error);
      ack.fallback(400);
      return;
    }
    // No listener answered (an action or view nobody listens for): say "received", do nothing.
    ack.fallback(200);
  }
}

/** The HTTP response of one Slack request: sent once, by the listener's ack or a fallback. */
class ResponseAck {
  private answered = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    logger: Logger,
  ) {
    this.timer = setTimeout(() => {
      if (this.answered) return;
      logger.error(`a listener did not ack within ${UNANSWERED_AFTER_MS} ms`);
      this.fallback(404);
    }, UNANSWERED_AFTER_MS);
    this.timer.unref();
  }

  /**
   * The listener's ack(): an empty 200, text, or a JSON answer (e.g. response_action). Answered at
   * once; the promise, as Bolt's ack returns one, rejects on a second ack (ReceiverMultipleAckError).
   */
  send(response?: unknown): Promise<void> {
    return new Promise((resolve) => {
      if (this.answered) throw new ReceiverMultipleAckError();
      this.settle();
      if (response === undefined || response === '') answer(this.res, 200);
      else if (typeof response === 'string') answer(this.res, 200, response, 'text/plain; charset=utf-8');
      else answer(this.res, 200, JSON.stringify(response));
      resolve();
    });
  }

  /** Answers with `status` unless a listener already did. */
  fallback(status: number): void {
    if (this.answered) return;
    this.settle();
    answer(this.res, status);
  }

  private settle(): void {
    this.answered = true;
    clearTimeout(this.timer);
  }
}
