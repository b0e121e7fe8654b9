// `npm run db:migration -- <name>`: writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql
// with the SQL that takes a database from the end state of the existing migrations to
// prisma/schema.prisma — what `prisma migrate dev --create-only` does, without the schema-engine
// binary the Prisma CLI cannot download here (see src/platform/db/migrate.ts). Prints "No schema changes"
// and writes nothing when the migrations already match the schema.
// It does the same for prisma/migrations-postgres (the schema with provider "postgresql"); that
// needs a PostgreSQL server for a throwaway shadow database: SHADOW_DATABASE_URL, or DATABASE_URL
// when it is a postgresql:// URL. Each folder is diffed on its own, so rerunning is safe.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { z } from 'zod';
import { adapterFactoryFor, datamodelFor, defaultMigrationsDir, parseDatabaseUrl, type Provider } from './migrations-engine/datasource.js';
import { lockfileContent, readMigrationsList } from './migrations-engine/migrationsList.js';
import { NO_FILTERS, withSchemaEngine } from './migrations-engine/wasmEngine.js';
import { loadShadowDatabaseUrl } from '../../config.js';

export const migrationNameSchema = z
  .string()
  .regex(/^[a-z0-9_]+$/, 'use lowercase letters, digits and underscores only, e.g. add_need_status')
  .max(200);

export interface CreateMigrationOptions {
  /** Defaults to prisma/schema.prisma under cwd. */
  schemaPath?: string;
  /** Defaults to prisma/migrations (SQLite) or prisma/migrations-postgres (PostgreSQL). */
  migrationsDir?: string;
  /** Defaults to sqlite. The PostgreSQL variant is the same schema with its provider swapped. */
  provider?: Provider;
  /**
   * PostgreSQL only (required): a server (connection URL) where a throwaway shadow database may be
   * created to replay the existing migrations; the engine also reads the server version from it.
   */
  shadowServerUrl?: string;
  /** For tests; defaults to now. */
  now?: Date;
}

/**
 * The SQL from the migrations folder's end state to the schema, or null when there is no
 * difference. The migrations are replayed on a scratch (shadow) database: in memory for SQLite, a
 * throwaway database on `shadowServerUrl` for PostgreSQL.
 */
export async function diffMigrationsToSchema(opts: CreateMigrationOptions = {}): Promise<string | null> {
  const provider = opts.provider ?? 'sqlite';
  const schemaPath = path.resolve(opts.schemaPath ?? path.join('prisma', 'schema.prisma'));
  const schema = datamodelFor(await fs.readFile(schemaPath, 'utf8'), provider);
  const migrationsList = await readMigrationsList(opts.migrationsDir ?? defaultMigrationsDir(provider));
  // The engine takes the provider from the lockfile; a folder without one gets it written below.
  migrationsList.lockfile.content ??= lockfileContent(provider);
  const fromEmpty = migrationsList.migrationDirectories.length === 0;
  let factory: SqlMigrationAwareDriverAdapterFactory;
  if (provider === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    factory = new PrismaBetterSqlite3({ url: ':memory:' }); // the shadow database is in memory too
  } else if (opts.shadowServerUrl) {
    factory = await adapterFactoryFor(parseDatabaseUrl(opts.shadowServerUrl));
  } else {
    throw new Error(
      `Diffing ${migrationsList.baseDir} needs a PostgreSQL server where a throwaway shadow database ` +
        'can be created: set SHADOW_DATABASE_URL (or a postgresql:// DATABASE_URL), e.g. ' +
        'SHADOW_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run db:migration -- <name>',
    );
  }
  const result = await withSchemaEngine(factory, { datamodels: [[schemaPath, schema]] }, (engine) =>
    engine.diff({
      from: fromEmpty ? { tag: 'empty' } : { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true, // 2 when there is a difference, 0 when there is none
      filters: NO_FILTERS,
    }),
  );
  if (result.exitCode === 0) return null;
  return result.stdout ?? '';
}

/** Writes the new migration folder; returns its name and path, or null when there is nothing to do. */
export async function createMigration(name: string, opts: CreateMigrationOptions = {}): Promise<{ name: string; dir: string } | null> {
  const migrationName = migrationNameSchema.parse(name);
  const provider = opts.provider ?? 'sqlite';
  const migrationsDir = path.resolve(opts.migrationsDir ?? defaultMigrationsDir(provider));
  const script = await diffMigrationsToSchema({ ...opts, migrationsDir, provider });
  if (script === null) return null;
  const folder = `${timestamp(opts.now ?? new Date())}_${migrationName}`;
  const dir = path.join(migrationsDir, folder);
  await fs.mkdir(migrationsDir, { recursive: true });
  await fs.mkdir(dir); // fails if it exists: never overwrite a migration
  await fs.writeFile(path.join(dir, 'migration.sql'), script, 'utf8');
  const lockfile = path.join(migrationsDir, 'migration_lock.toml');
  await fs.writeFile(lockfile, lockfileContent(provider), { encoding: 'utf8', flag: 'wx' }).catch((error: unknown) => {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  });
  return { name: folder, dir };
}

/** YYYYMMDDHHMMSS in UTC, as Prisma names migrations. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function main(argv: string[]): Promise<number> {
  const parsed = z.tuple([migrationNameSchema]).safeParse(argv);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`Usage: npm run db:migration -- <name>   (${issue?.path.length ? issue.message : 'exactly one name'})`);
    return 1;
  }
  const name = parsed.data[0];
  const now = new Date();
  // SQLite always; PostgreSQL too once its folder exists. Running the command again after a
  // failure only writes what is still missing.
  const providers: Provider[] = ['sqlite'];
  if (existsSync(defaultMigrationsDir('postgresql'))) providers.push('postgresql');
  const shadowServerUrl = loadShadowDatabaseUrl();
  let changed = false;
  for (const provider of providers) {
    const created = await createMigration(name, { provider, now, shadowServerUrl });
    if (created) {
      changed = true;
      console.log(`Created ${path.relative(process.cwd(), path.join(created.dir, 'migration.sql'))}`);
    } else if (providers.length > 1) {
      console.log(`No schema changes for ${provider} (${path.relative(process.cwd(), defaultMigrationsDir(provider))})`);
    }
  }
  if (!changed) console.log('No schema changes');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
