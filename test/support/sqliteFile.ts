// Reaching into an app's SQLite file from outside, as another process would.
import Database from 'better-sqlite3';

/**
 * Takes the file's write lock with a connection of its own (BEGIN IMMEDIATE plus a write) and
 * holds it until release() — which may be called more than once.
 */
export function holdWriteLock(file: string): { release(): void } {
  const other = new Database(file, { timeout: 0 });
  other.exec('BEGIN IMMEDIATE');
  other.prepare('UPDATE Municipality SET population = population').run();
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      other.exec('COMMIT');
      other.close();
    },
  };
}

/** Reads one value from the file with a read-only connection of its own. */
export function readFromFile<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The id of a municipality, as a string (how the modal's select sends it). */
export function municipalityIdInFile(file: string, name = 'Kinda'): string {
  return readFromFile(file, (db) => String((db.prepare('SELECT id FROM Municipality WHERE name = ?').get(name) as { id: number }).id));
}
