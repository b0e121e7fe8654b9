// Once per `vitest run`, before any test file: the template databases and the folder of trained
// matchers that test/support/templates.ts shares between the test workers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTemplates, TEMPLATES_ENV } from './templates.js';

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-templates-'));
  await buildTemplates(dir);
  process.env[TEMPLATES_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
