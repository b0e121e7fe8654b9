// The PostgreSQL driver adapter runs a migration by splitting it at every ";" — one inside an SQL
// comment cuts the comment in two and the rest runs as SQL. Keep them out of every migration.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folders = ['prisma/migrations', 'prisma/migrations-postgres'];

describe('migration files', () => {
  it.each(folders)('%s: no semicolon inside an SQL comment', (folder) => {
    const offending: string[] = [];
    for (const name of readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)) {
      const lines = readFileSync(`${folder}/${name}/migration.sql`, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const comment = line.indexOf('--');
        if (comment >= 0 && line.slice(comment).includes(';')) offending.push(`${name}:${i + 1}`);
      });
    }
    expect(offending).toEqual([]);
  });
});
