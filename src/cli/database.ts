// Opening the database from an operator command: DATABASE_URL (from .env or the environment; no
// Slack credentials needed), pending migrations applied first — a no-op beside the running app.
import { loadDatabaseUrl } from '../config.js';
import { createDb, type Db } from '../db/client.js';
import { applyPendingMigrations } from '../db/migrate.js';

export async function openDatabase(databaseUrl: string = loadDatabaseUrl()): Promise<Db> {
  await applyPendingMigrations(databaseUrl);
  return createDb(databaseUrl);
}
