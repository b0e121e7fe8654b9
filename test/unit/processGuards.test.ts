// The process guards in a real child process: an unhandled rejection is logged and the process
// lives on; an exception thrown out of a callback ends it with exit code 1 and one line on stderr.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TSX } from '../support/appProcess.js';

const SCRIPT = fileURLToPath(new URL('../fixtures/process/guarded.ts', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', TSX, SCRIPT, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('process guards', () => {
  it('logs an unhandled rejection and keeps running', () => {
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('unhandled promise rejection; the app keeps running');
    expect(result.stdout).toContain('nobody awaits me');
    expect(result.stdout).toContain('still alive');
  });

  it('exits 1 on an uncaught exception, saying so on stderr', () => {
    const result = run('throw');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('still alive');
    expect(result.stderr).toBe('Behovsbryggan stopped after an uncaught exception: boom\n');
  });
});
