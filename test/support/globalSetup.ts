// Once per `vitest run`, before any test file: the template databases and the folder of trained
// matchers that test/support/templates.ts shares between the test workers. Afterwards it checks
// that no test wrote the app's default matcher cache in the repository (a developer's own
// `npm start` keeps its model there): every test names its own MATCHER_CACHE_DIR, or 'off'.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTemplates, TEMPLATES_ENV } from './templates.js';

const REPOSITORY_CACHE = fileURLToPath(new URL('../../.cache/matcher.snapshot', import.meta.url));
const modifiedAt = (file: string): number | null => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? null;

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-templates-'));
  await buildTemplates(dir);
  process.env[TEMPLATES_ENV] = dir;
  const cacheBefore = modifiedAt(REPOSITORY_CACHE);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    const cacheAfter = modifiedAt(REPOSITORY_CACHE);
    if (cacheAfter !== null && cacheAfter !== cacheBefore) {
      // Vitest logs an error thrown here but still exits 0; the exit code makes the run fail.
      console.error(`a test wrote ${REPOSITORY_CACHE}: give the app it starts its own MATCHER_CACHE_DIR (or 'off')`);
      process.exitCode = 1;
    }
  };
}
