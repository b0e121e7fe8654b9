// The Prisma driver adapter for SQLite: @prisma/adapter-better-sqlite3, with two faults fixed.
//
// 1. One connection, one transaction at a time. The stock adapter serialises transactions with
//    each other but runs every other statement straight on the shared connection — inside
//    whatever transaction is open. A need stored while a routing transaction was open was part of
//    that transaction: acknowledged, then rolled back with it. Here every statement and every
//    transaction takes the same lock, so a statement outside a transaction waits for it to end.
// 2. A busy database never stops the event loop. better-sqlite3 waits for a lock synchronously
//    (its busy timeout): with the file locked by another process for 10 s, nothing else — not
//    even a /need that never touches the database — was answered. Here the synchronous wait is a
//    few milliseconds; a busy statement gives the lock back and is retried asynchronously with
//    backoff until the request's deadline (see deadline.ts) or MAX_BUSY_WAIT_MS.
// Transactions start with BEGIN IMMEDIATE, taking the write lock up front, so a transaction that
// has started cannot fail half-way with SQLITE_BUSY when it first writes.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import { currentDbDeadline, DbBusyError } from './deadline.js';

/** How long better-sqlite3 itself may block the event loop waiting for a lock. */
const SYNC_BUSY_TIMEOUT_MS = 5;
/** Without a request deadline, how long a statement keeps retrying a busy database. */
export const MAX_BUSY_WAIT_MS = 30_000;

const BEGIN: SqlQuery = { sql: 'BEGIN IMMEDIATE', args: [], argTypes: [] };

export function isSqliteBusy(error: unknown): boolean {
  if (!(error instanceof DriverAdapterError)) return false;
  const cause = error.cause as { kind?: string; originalCode?: string };
  return cause.kind === 'SocketTimeout' || (cause.originalCode ?? '').startsWith('SQLITE_BUSY');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** 2, 4, 8 … 50 ms with jitter, never past the deadline. */
function backoffMs(attempt: number, deadline: number): number {
  const base = Math.min(50, 2 * 2 ** attempt);
  return Math.max(0, Math.min(base * (0.5 + Math.random()), deadline - Date.now()));
}

/** A first-come, first-served lock whose waiters can give up at a deadline. */
class Lock {
  private held = false;
  private readonly waiters: { grant: () => void }[] = [];

  acquire(deadline: number): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
      };
      const started = Date.now();
      const timer = setTimeout(
        () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(new DbBusyError(Date.now() - started));
        },
        Math.max(0, deadline - started),
      );
      this.waiters.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.held = false;
    };
  }
}

class SerialisedTransaction implements Transaction {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  readonly options = { usePhantomQuery: false };

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly release: () => void,
  ) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  // Prisma sends COMMIT / ROLLBACK itself (usePhantomQuery: false); these end our hold on the lock.
  commit(): Promise<void> {
    this.release();
    return Promise.resolve();
  }

  rollback(): Promise<void> {
    this.release();
    return Promise.resolve();
  }

  async createSavepoint(name: string): Promise<void> {
    await this.inner.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] });
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.inner.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] });
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.inner.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] });
  }
}

class SerialisedSqliteAdapter implements SqlDriverAdapter {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  private readonly lock = new Lock();

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly maxBusyWaitMs: number,
  ) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.serialised(() => this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.serialised(() => this.inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.serialised(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') {
      throw new DriverAdapterError({ kind: 'InvalidIsolationLevel', level: isolationLevel });
    }
    const deadline = this.deadline();
    for (let attempt = 0; ; attempt++) {
      const release = await this.lock.acquire(deadline);
      try {
        await this.inner.executeRaw(BEGIN);
        return new SerialisedTransaction(this.inner, release);
      } catch (error) {
        release();
        if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      }
      // Waiting without the lock: statements that can run (reads, in WAL mode) go on meanwhile.
      await sleep(backoffMs(attempt, deadline));
    }
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }

  private deadline(): number {
    return currentDbDeadline() ?? Date.now() + this.maxBusyWaitMs;
  }

  private async serialised<T>(statement: () => Promise<T>): Promise<T> {
    const deadline = this.deadline();
    for (let attempt = 0; ; attempt++) {
      const release = await this.lock.acquire(deadline);
      try {
        return await statement();
      } catch (error) {
        if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      } finally {
        release();
      }
      await sleep(backoffMs(attempt, deadline));
    }
  }
}

export interface SqliteAdapterOptions {
  /** Without a request deadline, how long to keep retrying a busy database (default 30 s). */
  maxBusyWaitMs?: number;
}

/** The adapter factory for `new PrismaClient({ adapter })` on the SQLite file at `file`. */
export function sqliteAdapter(file: string, options: SqliteAdapterOptions = {}): SqlDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url: file, timeout: SYNC_BUSY_TIMEOUT_MS });
  const maxBusyWaitMs = options.maxBusyWaitMs ?? MAX_BUSY_WAIT_MS;
  return {
    provider: 'sqlite',
    adapterName: factory.adapterName,
    connect: async () => new SerialisedSqliteAdapter(await factory.connect(), maxBusyWaitMs),
  };
}
