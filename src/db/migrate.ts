// Applies pending Prisma Migrate migrations on start, without the Prisma CLI.
//
// Why this exists: the Prisma 7 CLI downloads a native schema-engine binary before every
// `prisma migrate` command, and that download is not reachable where this app is built and run.
// Prisma ships the same schema engine as WebAssembly (@prisma/schema-engine-wasm, pinned), driven
// through the same driver adapters the app's client uses. Its `applyMigrations` is the command
// behind `prisma migrate deploy`: it reads the ordinary prisma/migrations folder and records each
// migration in `_prisma_migrations` with the same checksum, so wherever the binary is available,
// `prisma migrate deploy` / `migrate status` take over this database seamlessly.
// New migrations are written by `npm run db:migration -- <name>` (src/db/createMigration.ts).
// PostgreSQL (a postgresql:// URL) gets its own history in prisma/migrations-postgres, generated
// from the same schema with the provider swapped.
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
 * (empty when the database is up to date). Throws on a failed, edited or missing migration, as
 * `prisma migrate deploy` does.
 */
export async function applyPendingMigrations(
  databaseUrl: string,
  opts: ApplyOptions = {},
): Promise<{ applied: string[] }> {
  const datasource = parseDatabaseUrl(databaseUrl);
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir(datasource.provider);
  const migrationsList = await readMigrationsList(migrationsDir);
  // An empty list would "succeed" and leave an empty database behind: say where we looked.
  if (migrationsList.migrationDirectories.length === 0) throw new Error(`No migrations found in ${migrationsDir}`);
  const logger = opts.logger;
  const factory = await adapterFactoryFor(datasource);
  const { appliedMigrationNames } = await withSchemaEngine(
    factory,
    { log: logger?.debug ? (line) => logger.debug?.(line) : undefined },
    (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
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
  return { applied: appliedMigrationNames };
}
