// DATABASE_URL → provider, driver adapter factory, migrations folder and datamodel for the engine.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type Provider = 'sqlite' | 'postgresql';

export type Datasource = { provider: 'sqlite'; /** absolute path of the database file */ file: string } | { provider: 'postgresql'; url: string };

/** `file:./x.db` (relative to `cwd`), `file:/abs/x.db`, `file:///abs/x.db`, `postgresql://…`. */
export function parseDatabaseUrl(databaseUrl: string, cwd = process.cwd()): Datasource {
  const url = databaseUrl.trim();
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgresql', url };
  if (url.startsWith('file:')) {
    if (url.startsWith('file://')) return { provider: 'sqlite', file: fileURLToPath(withoutQuery(url)) };
    const rest = withoutQuery(url.slice('file:'.length));
    if (rest === '' || rest.includes(':memory:')) {
      throw new Error(`DATABASE_URL must name a SQLite file, got "${databaseUrl}"`);
    }
    return { provider: 'sqlite', file: path.resolve(cwd, rest) };
  }
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgresql://", got "${databaseUrl}"`);
}

/** The text before the first "?" (all of it when there is none). */
function withoutQuery(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The driver adapter factory (imported on demand, so SQLite users never load `pg`). */
export async function adapterFactoryFor(ds: Datasource): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (ds.provider === 'sqlite') {
    fs.mkdirSync(path.dirname(ds.file), { recursive: true });
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSqlite3({ url: `file:${ds.file}` }); // shadow database: in memory
  }
  return postgresFactory(ds.url);
}

/**
 * PrismaPg for the engine, with a shadow database that works: adapter-pg 7.10's own
 * connectToShadowDb connects to the main database when given a connection string (pg lets the
 * string override `database`), drops the shadow database before closing its pool (which fails) and
 * leaks a pool. Here the shadow is a throwaway database on the same server (needs CREATEDB), closed
 * and then dropped.
 */
async function postgresFactory(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const main = new PrismaPg({ connectionString: url });
  const connect = async (connectionString: string) => {
    const adapter = await new PrismaPg({ connectionString }).connect();
    readCharAsText(adapter.underlyingDriver());
    return adapter;
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => connect(url),
    connectToShadowDb: async () => {
      const admin = await connect(url);
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      try {
        await admin.executeScript(`CREATE DATABASE "${name}"`);
      } catch (error) {
        await admin.dispose();
        throw error;
      }
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadow = await connect(shadowUrl.toString());
      const close = shadow.dispose.bind(shadow);
      let closing: Promise<void> | undefined;
      shadow.dispose = () =>
        (closing ??= (async () => {
          try {
            await close();
            await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
          } finally {
            await admin.dispose();
          }
        })());
      return shadow;
    },
  };
}

/** Default migrations folder per provider, relative to the project root. */
/** The repository root, found from this file so the app can start from any working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

export function defaultMigrationsDir(provider: Provider, projectRoot = PROJECT_ROOT): string {
  return path.join(projectRoot, 'prisma', provider === 'sqlite' ? 'migrations' : 'migrations-postgres');
}

/** The schema with its datasource provider swapped (the PostgreSQL variant of the SQLite schema). */
export function datamodelFor(schema: string, provider: Provider): string {
  const datasource = /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"[^"]*"/;
  if (!datasource.test(schema)) throw new Error('The Prisma schema has no datasource provider');
  return schema.replace(datasource, `$1"${provider}"`);
}

interface PgQueryResult {
  /** Absent when the query had several statements: pg then gives an array of results. */
  fields?: { dataTypeID: number }[];
}

/**
 * The engine's catalog queries (describing a schema, e.g. for a diff) return PostgreSQL's one-byte
 * `"char"` type (pg_class.relkind, pg_constraint.contype…), which adapter-pg 7.10 rejects as an
 * unsupported native type. pg already parses it to a string; let the adapter treat it as text. Only
 * the pools created here, for the engine, are patched.
 */
function readCharAsText(pool: object): void {
  const PG_CHAR = 18;
  const PG_TEXT = 25;
  const target = pool as { query: (config: unknown) => Promise<PgQueryResult> };
  const query = target.query.bind(pool);
  target.query = async (config: unknown) => {
    const result = await query(config);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    }
    return result;
  };
}
