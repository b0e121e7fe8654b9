// DATABASE_URL → provider, driver adapter factory, migrations folder and datamodel for the engine.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type Provider = 'sqlite' | 'postgresql';

export type Datasource =
  | { provider: 'sqlite'; /** absolute path of the database file */ file: string }
  | { provider: 'postgresql'; url: string };

/** `file:./x.db` (relative to `cwd`), `file:/abs/x.db`, `file:///abs/x.db`, `postgresql://…`. */
export function parseDatabaseUrl(databaseUrl: string, cwd = process.cwd()): Datasource {
  const url = databaseUrl.trim();
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgresql', url };
  if (url.startsWith('file:')) {
    if (url.startsWith('file://')) return { provider: 'sqlite', file: fileURLToPath(url.split('?')[0]!) };
    const rest = url.slice('file:'.length).split('?')[0]!;
    if (rest === '' || rest.includes(':memory:')) {
      throw new Error(`DATABASE_URL must name a SQLite file, got "${databaseUrl}"`);
    }
    return { provider: 'sqlite', file: path.resolve(cwd, rest) };
  }
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgresql://", got "${databaseUrl}"`);
}

/** The driver adapter factory (imported on demand, so SQLite users never load `pg`). */
export async function adapterFactoryFor(ds: Datasource): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (ds.provider === 'sqlite') {
    fs.mkdirSync(path.dirname(ds.file), { recursive: true });
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSqlite3({ url: `file:${ds.file}` });
  }
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return new PrismaPg({ connectionString: ds.url });
}

/** Default migrations folder per provider, relative to the project root. */
export function defaultMigrationsDir(provider: Provider, projectRoot = process.cwd()): string {
  return path.join(projectRoot, 'prisma', provider === 'sqlite' ? 'migrations' : 'migrations-postgres');
}

/** The schema with its datasource provider swapped (the PostgreSQL variant of the SQLite schema). */
export function datamodelFor(schema: string, provider: Provider): string {
  const datasource = /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"[^"]*"/;
  if (!datasource.test(schema)) throw new Error('The Prisma schema has no datasource provider');
  return schema.replace(datasource, `$1"${provider}"`);
}
