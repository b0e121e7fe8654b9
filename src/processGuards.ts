// Process-level handlers. A promise rejected where nobody awaits it (Bolt's receivers and the
// Socket Mode client run async callbacks nobody awaits) is a bug to log, not a reason to drop
// every request in flight: Node's default would end the process. An exception thrown out of a
// callback leaves the process in an unknown state: log it and exit non-zero, so the supervisor
// (systemd, a container runtime) starts a fresh one; the outbox and the routing queue resume.
import { writeSync } from 'node:fs';
import type { Logger } from './logger.js';

export function installProcessGuards(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection; the app keeps running');
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception; exiting so that a supervisor restarts the app');
    // Synchronously, so the line is written even if the logger's stream is still buffering.
    writeSync(2, `Behovsbryggan stopped after an uncaught exception: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
