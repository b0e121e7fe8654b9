// pino for the app's own logs — JSON lines for a log collector, readable lines (pino-pretty) when a
// person watches a terminal — and an adapter so Bolt logs through it too. Log lines carry ids, never
// what people typed (no names, no descriptions).
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export function createLogger(level: LevelWithSilent, destination?: NodeJS.WritableStream): Logger {
  const base = { level, base: { app: 'behovsbryggan' } };
  if (destination) return pino(base, destination);
  // Synchronous and in this thread: no transport worker for a terminal.
  if (process.stdout.isTTY) return pino(base, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', sync: true }));
  return pino(base, process.stdout);
}

const fromPino: Partial<Record<string, LogLevel>> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/** Bolt's Logger interface on top of a pino child logger. */
export function boltLogger(parent: Logger): BoltLogger {
  let logger = parent.child({ component: 'bolt' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      // Bolt logs at debug on every request; format nothing unless the line will be written.
      if (!logger.isLevelEnabled(level)) return;
      const error = msg.find((m): m is Error => m instanceof Error);
      const text = msg
        .filter((m) => !(m instanceof Error))
        .map((m) => (typeof m === 'string' ? m : JSON.stringify(m)))
        .join(' ');
      if (error) logger[level]({ err: error }, text);
      else logger[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // Bolt calls setLevel(INFO) on any logger it is given; LOG_LEVEL (pino's level) must win.
    setLevel: () => undefined,
    getLevel: () => fromPino[logger.level] ?? LogLevel.INFO,
    setName: (name: string) => {
      logger = parent.child({ component: name });
    },
  };
}
