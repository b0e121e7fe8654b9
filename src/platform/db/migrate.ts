// Applies pending Prisma Migrate migrations on start, without the Prisma CLI.
//
// Why this exists: the Prisma 7 CLI downloads a native schema-engine binary before every
// `prisma migrate` command, and that download is not reachable where this app is built and run.
// Prisma ships the same schema engine as WebAssembly (@prisma/schema-engine-wasm, pinned), driven
// through the same driver adapters the app's client uses. Its `applyMigrations` is the command
// behind `prisma migrate deploy`: it reads the ordinary prisma/migrations folder and records each
// migration in `_prisma_migrations` with the same checksum, so wherever the binary is available,
// `prisma migrate deploy` / `migrate status` take over this database seamlessly.
// New migrations are written by `npm run db:migration -- <name>` (src/platform/db/createMigration.ts).
// PostgreSQL (a postgresql:// URL) gets its own history in prisma/migrations-postgres, generated
// from the same schema with the provider swapped.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import Database from 'better-sqlite3';
import { adapterFactoryFor, defaultMigrationsDir, parseDatabaseUrl } from './migrations-engine/datasource.js';
import { readMigrationsList } from './migrations-engine/migrationsList.js';
import { NO_FILTERS, withSchemaEngine } from './migrations-engine/wasmEngine.js';

/** Structurally compatible with pino and console. */
export interface MigrateLogger {
  info(message: string): void;
  debug?(message: string): void;
}

export interface ApplyOptions {
  /** Defaults to prisma/migrations (SQLite) or prisma/migrations-postgres (PostgreSQL) under cwd. */
  migrationsDir?: string;
  logger?: MigrateLogger;
}

/**
 * Applies every migration in the migrations folder that the database at `databaseUrl` has not
 * applied yet, in name order, each recorded in `_prisma_migrations`. Returns the names applied now
 * (empty when the database is up to date) and the names of every migration in the folder. Throws on a failed, edited or missing migration, as
 * `prisma migrate deploy` does.
 */
export async function applyPendingMigrations(databaseUrl: string, opts: ApplyOptions = {}): Promise<{ applied: string[]; shipped: string[] }> {
  const datasource = parseDatabaseUrl(databaseUrl);
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir(datasource.provider);
  const migrationsList = await readMigrationsList(migrationsDir);
  // An empty list would "succeed" and leave an empty database behind: say where we looked.
  if (migrationsList.migrationDirectories.length === 0) throw new Error(`No migrations found in ${migrationsDir}`);
  const logger = opts.logger;
  const shipped = migrationsList.migrationDirectories.map((dir) => dir.path);
  // The engine wants the SQLite file to itself (SQLITE_BUSY beside a running app or CLI), so it
  // is only started when something is actually pending.
  if (datasource.provider === 'sqlite' && sqliteIsUpToDate(datasource.file, migrationsList)) {
    logger?.info('Database schema is up to date');
    return { applied: [], shipped };
  }
  const factory = await adapterFactoryFor(datasource);
  const { appliedMigrationNames } = await withSchemaEngine(factory, { log: logger?.debug ? (line) => logger.debug?.(line) : undefined }, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
  ).catch((error: unknown) => {
    if (!(error instanceof Error)) throw error;
    // Engine errors carry Prisma's error code (e.g. P3009: a failed migration blocks new ones).
    const code = (error as { code?: unknown }).code;
    throw Object.assign(
      new Error(`Migrating the database from ${migrationsList.baseDir} failed: ${error.message}`, { cause: error }),
      code === undefined ? {} : { code },
    );
  });
  if (appliedMigrationNames.length > 0) {
    logger?.info(`Applied ${appliedMigrationNames.length} migration(s): ${appliedMigrationNames.join(', ')}`);
  } else {
    logger?.info('Database schema is up to date');
  }
  return { applied: appliedMigrationNames, shipped };
}

/** True when every migration folder is recorded as applied, with the same checksum. */
function sqliteIsUpToDate(file: string, migrationsList: MigrationList): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as {
      migration_name: string;
      checksum: string;
    }[];
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    return migrationsList.migrationDirectories.every(
      (dir) => dir.migrationFile.content.tag === 'ok' && applied.get(dir.path) === createHash('sha256').update(dir.migrationFile.content.value).digest('hex'),
    );
  } catch {
    return false; // no _prisma_migrations table yet
  } finally {
    db.close();
  }
}
