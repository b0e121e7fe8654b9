import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingMigrations } from '../../../../src/platform/db/migrate.js';
import { createMigration, diffMigrationsToSchema, migrationNameSchema } from '../../../../src/platform/db/createMigration.js';

const root = path.resolve(import.meta.dirname, '../../../..');
const migrationsDir = path.join(root, 'prisma', 'migrations');
const schemaPath = path.join(root, 'prisma', 'schema.prisma');
const committed = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'behovsbryggan-migrate-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
  applied_steps_count: number;
}

function inspect(file: string): { tables: string[]; migrations: MigrationRow[] } {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    const migrations = db.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all() as MigrationRow[];
    return { tables, migrations };
  } finally {
    db.close();
  }
}

/** Model names of the Prisma schema (= table names, the schema uses no @@map). */
function models(): string[] {
  return [...fs.readFileSync(schemaPath, 'utf8').matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!).sort();
}

function copyMigrations(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(migrationsDir, dir, { recursive: true });
  return dir;
}

describe('applyPendingMigrations (wasm schema engine)', () => {
  it('creates every table on a fresh database and records the migrations like prisma migrate deploy', async () => {
    const file = path.join(tmp, 'fresh', 'app.db'); // the folder does not exist yet
    const { applied } = await applyPendingMigrations(`file:${file}`, { migrationsDir });
    expect(applied).toEqual(committed);

    const { tables, migrations } = inspect(file);
    expect(tables).toEqual([...models(), '_prisma_migrations'].sort());
    expect(migrations.map((m) => m.migration_name)).toEqual(committed);
    for (const m of migrations) {
      expect(m.finished_at).not.toBeNull();
      expect(m.rolled_back_at).toBeNull();
      expect(m.applied_steps_count).toBe(1);
      // Prisma's checksum: SHA-256 of migration.sql, so `prisma migrate deploy` accepts the history.
      const sql = fs.readFileSync(path.join(migrationsDir, m.migration_name, 'migration.sql'));
      expect(m.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    }

    // Idempotent: a second call applies nothing and records nothing.
    expect(await applyPendingMigrations(`file:${file}`, { migrationsDir })).toMatchObject({ applied: [] });
    expect(inspect(file).migrations).toHaveLength(committed.length);
  });

  it('resolves a relative file: URL against the working directory', async () => {
    const cwd = process.cwd();
    const dir = path.join(tmp, 'relative');
    fs.mkdirSync(dir);
    process.chdir(dir);
    try {
      await applyPendingMigrations('file:./rel.db', { migrationsDir });
    } finally {
      process.chdir(cwd);
    }
    expect(inspect(path.join(dir, 'rel.db')).migrations).toHaveLength(committed.length);
  });

  it('applies only the migration added since the last run', async () => {
    const dir = copyMigrations('migrations-plus-one');
    const file = path.join(tmp, 'plus-one.db');
    await applyPendingMigrations(`file:${file}`, { migrationsDir: dir });

    const extra = '29991231235959_add_extra';
    fs.mkdirSync(path.join(dir, extra));
    fs.writeFileSync(
      path.join(dir, extra, 'migration.sql'),
      '-- CreateTable\nCREATE TABLE "Extra" ("id" INTEGER NOT NULL PRIMARY KEY);\nCREATE INDEX "Extra_id_idx" ON "Extra"("id");\n',
    );
    const info: string[] = [];
    const { applied } = await applyPendingMigrations(`file:${file}`, {
      migrationsDir: dir,
      logger: { info: (m) => info.push(m) },
    });
    expect(applied).toEqual([extra]);
    expect(info.join('\n')).toContain(extra);
    const { tables, migrations } = inspect(file);
    expect(tables).toContain('Extra');
    expect(migrations.map((m) => m.migration_name)).toEqual([...committed, extra]);
  });

  it('behaves like prisma migrate deploy on an edited or a failed migration', async () => {
    const dir = copyMigrations('migrations-edited');
    const file = path.join(tmp, 'edited.db');
    await applyPendingMigrations(`file:${file}`, { migrationsDir: dir });
    // An applied migration edited afterwards is not run again (deploy only reports it in `status`).
    fs.appendFileSync(path.join(dir, committed[0]!, 'migration.sql'), '\nCREATE TABLE "Sneaky" ("id" INTEGER PRIMARY KEY);\n');
    expect(await applyPendingMigrations(`file:${file}`, { migrationsDir: dir })).toMatchObject({ applied: [] });
    expect(inspect(file).tables).not.toContain('Sneaky');

    // A migration that fails is recorded as failed and blocks later runs until resolved (P3009).
    const bad = '29991231235959_bad';
    fs.mkdirSync(path.join(dir, bad));
    fs.writeFileSync(path.join(dir, bad, 'migration.sql'), 'SELECT * FROM "NoSuchTable";\n');
    await expect(applyPendingMigrations(`file:${file}`, { migrationsDir: dir })).rejects.toThrow(/failed/);
    await expect(applyPendingMigrations(`file:${file}`, { migrationsDir: dir })).rejects.toMatchObject({
      code: 'P3009',
      message: expect.stringContaining(bad) as string,
    });
    const row = inspect(file).migrations.find((m) => m.migration_name === bad);
    expect(row?.finished_at).toBeNull();
  });

  it('keeps every row when a migration rebuilds a table that others refer to (Need, with cascading children)', async () => {
    // SQLite changes a column by copying the table; dropping the old one must not cascade.
    const before = path.join(tmp, 'before-contacts');
    const contacts = committed.find((name) => name.endsWith('_contacts'))!;
    for (const name of committed.filter((n) => n < contacts)) fs.cpSync(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
    fs.copyFileSync(path.join(migrationsDir, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
    const file = path.join(tmp, 'rebuild.db');
    await applyPendingMigrations(`file:${file}`, { migrationsDir: before });
    const db = new Database(file);
    db.exec(`INSERT INTO Municipality (id, name, formalName, population) VALUES (1, 'Kinda', 'Kinda kommun', 1);
      INSERT INTO StrengthArea (slug, name, nameEn, description, keywords) VALUES ('logistik', 'L', 'L', 'd', 'k');
      INSERT INTO Need (id, municipalityId, title, description, contactUserId, recordedByUserId, source, recordedAt) VALUES (1, 1, 't', 'd', 'U1', 'U1', 'slash_command', 0);
      INSERT INTO NeedClassification (needId, areaSlug, score, rank, suggested, terms, modelVersion) VALUES (1, 'logistik', 0.5, 1, 1, '', 'v');
      INSERT INTO SuggestionPost (needId, channelId, reason, createdAt) VALUES (1, 'C1', 'area', 0);
      INSERT INTO Feedback (needId, userId, kind, channelId, createdAt) VALUES (1, 'U2', 'up', 'C1', 0);
      INSERT INTO NeedEvent (needId, kind, detail, at) VALUES (1, 'status', 'open→claimed', 0);`);
    db.close();
    await applyPendingMigrations(`file:${file}`, { migrationsDir });
    const after = new Database(file, { readonly: true });
    try {
      for (const table of ['Need', 'NeedClassification', 'SuggestionPost', 'Feedback', 'NeedEvent']) {
        expect((after.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(1);
      }
      expect(after.prepare('SELECT contactUserId, municipalContact FROM Need').get()).toEqual({ contactUserId: 'U1', municipalContact: null });
    } finally {
      after.close();
    }
  });

  it('imported_need_without_recorder: Need rebuilt with a nullable recorder, every row of every table that refers to it kept', async () => {
    const before = path.join(tmp, 'before-nullable-recorder');
    const target = committed.find((name) => name.endsWith('_imported_need_without_recorder'))!;
    for (const name of committed.filter((n) => n < target)) fs.cpSync(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
    fs.copyFileSync(path.join(migrationsDir, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
    const file = path.join(tmp, 'nullable-recorder.db');
    await applyPendingMigrations(`file:${file}`, { migrationsDir: before });
    const children = ['NeedArea', 'NeedClassification', 'NeedEnvironment', 'SuggestionPost', 'Feedback', 'NeedEvent', 'NeedSimilar'];
    const db = new Database(file);
    expect(() => db.prepare("INSERT INTO Need (municipalityId, title, description, source) VALUES (1, 't', 'd', 'import')").run()).toThrow(/NOT NULL/);
    db.exec(`INSERT INTO Municipality (id, name, formalName, population) VALUES (1, 'Kinda', 'Kinda kommun', 1);
      INSERT INTO StrengthArea (slug, name, nameEn, description, keywords) VALUES ('logistik', 'L', 'L', 'd', 'k');
      INSERT INTO InnovationEnvironment (id, name, town, offer, sourceUrl) VALUES (1, 'E', 'Linköping', 'o', 'https://e');
      INSERT INTO Need (id, municipalityId, title, description, contactUserId, recordedByUserId, source, sourceLabel, recordedAt) VALUES (1, 1, 't', 'd', 'U1', 'U1', 'import', 'Workshop', 0);
      INSERT INTO Need (id, municipalityId, title, description, recordedByUserId, source, recordedAt) VALUES (2, 1, 't2', 'd2', 'U2', 'slash_command', 0);
      INSERT INTO NeedArea (needId, areaSlug) VALUES (1, 'logistik');
      INSERT INTO NeedClassification (needId, areaSlug, score, rank, suggested, terms, modelVersion) VALUES (1, 'logistik', 0.5, 1, 1, '', 'v');
      INSERT INTO NeedEnvironment (needId, environmentId, rank, score, reason) VALUES (1, 1, 1, 0.5, '');
      INSERT INTO SuggestionPost (needId, channelId, reason, createdAt) VALUES (1, 'C1', 'area', 0);
      INSERT INTO Feedback (needId, userId, kind, channelId, createdAt) VALUES (1, 'U2', 'up', 'C1', 0);
      INSERT INTO NeedEvent (needId, kind, detail, at) VALUES (1, 'status', 'open→claimed', 0);
      INSERT INTO NeedSimilar (needId, similarNeedId, rank, score, foundAt) VALUES (2, 1, 1, 0.5, 0);`);
    db.close();
    // This migration and the ones committed after it.
    expect((await applyPendingMigrations(`file:${file}`, { migrationsDir })).applied).toEqual(committed.filter((n) => n >= target));
    const after = new Database(file);
    try {
      for (const table of children) expect((after.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(1);
      expect(after.prepare('SELECT id, recordedByUserId, contactUserId, sourceLabel FROM Need ORDER BY id').all()).toEqual([
        { id: 1, recordedByUserId: 'U1', contactUserId: 'U1', sourceLabel: 'Workshop' },
        { id: 2, recordedByUserId: 'U2', contactUserId: null, sourceLabel: null },
      ]);
      after.prepare("INSERT INTO Need (municipalityId, title, description, source, sourceLabel) VALUES (1, 't3', 'd3', 'import', 'workshop.csv')").run();
      expect(after.prepare("SELECT recordedByUserId FROM Need WHERE title = 't3'").get()).toEqual({ recordedByUserId: null });
      expect(after.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      after.close();
    }
  });

  it('region_pack: StrengthArea rebuilt with position, short names and retiredAt, its rows and every row that names an area kept', async () => {
    const before = path.join(tmp, 'before-region-pack');
    const target = committed.find((name) => name.endsWith('_region_pack'))!;
    for (const name of committed.filter((n) => n < target)) fs.cpSync(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
    fs.copyFileSync(path.join(migrationsDir, 'migration_lock.toml'), path.join(before, 'migration_lock.toml'));
    const file = path.join(tmp, 'region-pack.db');
    await applyPendingMigrations(`file:${file}`, { migrationsDir: before });
    const db = new Database(file);
    db.exec(`INSERT INTO Municipality (id, name, formalName, population) VALUES (1, 'Kinda', 'Kinda kommun', 1);
      INSERT INTO StrengthArea (slug, name, nameEn, description, keywords) VALUES ('logistik', 'Effektiv logistik', 'Efficient logistics', 'd', 'k');
      INSERT INTO StrengthArea (slug, name, nameEn, description, keywords) VALUES ('material', 'Avancerade material', 'Advanced materials', 'd', 'k');
      INSERT INTO Need (id, municipalityId, title, description, recordedByUserId, source, recordedAt) VALUES (1, 1, 't', 'd', 'U1', 'slash_command', 0);
      INSERT INTO NeedArea (needId, areaSlug) VALUES (1, 'logistik');
      INSERT INTO NeedClassification (needId, areaSlug, score, rank, suggested, terms, modelVersion) VALUES (1, 'material', 0.5, 1, 1, '', 'v');`);
    db.close();
    expect((await applyPendingMigrations(`file:${file}`, { migrationsDir })).applied).toEqual(committed.filter((n) => n >= target));
    const after = new Database(file, { readonly: true });
    try {
      expect(after.prepare('SELECT slug, name, nameEn, shortName, shortNameEn, position, retiredAt FROM StrengthArea ORDER BY slug').all()).toEqual([
        { slug: 'logistik', name: 'Effektiv logistik', nameEn: 'Efficient logistics', shortName: null, shortNameEn: null, position: 0, retiredAt: null },
        { slug: 'material', name: 'Avancerade material', nameEn: 'Advanced materials', shortName: null, shortNameEn: null, position: 0, retiredAt: null },
      ]);
      expect(after.prepare('SELECT needId, areaSlug FROM NeedArea').all()).toEqual([{ needId: 1, areaSlug: 'logistik' }]);
      expect(after.prepare('SELECT needId, areaSlug FROM NeedClassification').all()).toEqual([{ needId: 1, areaSlug: 'material' }]);
      expect(after.prepare('SELECT COUNT(*) AS n FROM Region').get()).toEqual({ n: 0 }); // the first sync stores the region
      expect(after.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      after.close();
    }
  });

  it('rejects URLs it cannot migrate', async () => {
    await expect(applyPendingMigrations('mysql://localhost/x')).rejects.toThrow(/DATABASE_URL/);
    await expect(applyPendingMigrations('file::memory:')).rejects.toThrow(/DATABASE_URL/);
  });
});

describe('createMigration (db:migration)', () => {
  it('the committed migrations produce exactly prisma/schema.prisma (edit the schema → run npm run db:migration -- <name>)', async () => {
    const sql = await diffMigrationsToSchema({ schemaPath, migrationsDir });
    expect(sql, `prisma/schema.prisma differs from prisma/migrations by:\n${sql}`).toBeNull();
  });

  it('writes a timestamped folder with the diff and a lockfile, and nothing when there is no change', async () => {
    const dir = path.join(tmp, 'created');
    const schema = path.join(tmp, 'schema.prisma');
    fs.writeFileSync(schema, 'datasource db {\n  provider = "sqlite"\n}\n\nmodel Thing {\n  id   Int    @id @default(autoincrement())\n  name String\n}\n');
    const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const first = await createMigration('init', { schemaPath: schema, migrationsDir: dir, now });
    expect(first?.name).toBe('20260102030405_init');
    expect(fs.readFileSync(path.join(first!.dir, 'migration.sql'), 'utf8')).toContain('CREATE TABLE "Thing"');
    expect(fs.readFileSync(path.join(dir, 'migration_lock.toml'), 'utf8')).toContain('provider = "sqlite"');

    expect(await createMigration('again', { schemaPath: schema, migrationsDir: dir })).toBeNull();

    fs.appendFileSync(schema, '\nmodel Other {\n  id Int @id\n}\n');
    const second = await createMigration('add_other', {
      schemaPath: schema,
      migrationsDir: dir,
      now: new Date(Date.UTC(2026, 0, 3)),
    });
    expect(second?.name).toBe('20260103000000_add_other');
    const sql = fs.readFileSync(path.join(second!.dir, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "Other"');
    expect(sql).not.toContain('"Thing"');

    // And what it wrote applies.
    const file = path.join(tmp, 'created.db');
    expect((await applyPendingMigrations(`file:${file}`, { migrationsDir: dir })).applied).toEqual(['20260102030405_init', '20260103000000_add_other']);
  });

  it('accepts only lowercase letters, digits and underscores as a name', () => {
    expect(migrationNameSchema.safeParse('add_need_status2').success).toBe(true);
    for (const bad of ['', 'Init', 'add-need', '../x', 'a b']) {
      expect(migrationNameSchema.safeParse(bad).success).toBe(false);
    }
  });
});

// PostgreSQL: opt-in, as unit tests stay off the network. Example:
//   TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npx vitest run test/unit/db/migrate.test.ts
// The user needs CREATEDB: each test works in a throwaway database.
const postgresUrl = process.env.TEST_POSTGRES_URL;

describe.skipIf(!postgresUrl)('PostgreSQL (prisma/migrations-postgres)', () => {
  const pgMigrationsDir = path.join(root, 'prisma', 'migrations-postgres');

  async function withThrowawayDatabase(fn: (url: string) => Promise<void>): Promise<void> {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const admin = await new PrismaPg({ connectionString: postgresUrl! }).connect();
    const name = `behovsbryggan_migrate_test_${process.pid}_${Date.now()}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    try {
      await fn(url.toString());
    } finally {
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.dispose();
    }
  }

  it('applies the PostgreSQL migrations once and records them', async () => {
    const expected = fs
      .readdirSync(pgMigrationsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    await withThrowawayDatabase(async (url) => {
      expect(await applyPendingMigrations(url, { migrationsDir: pgMigrationsDir })).toMatchObject({ applied: expected });
      expect(await applyPendingMigrations(url, { migrationsDir: pgMigrationsDir })).toMatchObject({ applied: [] });
      const { PrismaPg } = await import('@prisma/adapter-pg');
      const db = await new PrismaPg({ connectionString: url }).connect();
      try {
        const tables = await db.queryRaw({
          sql: "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
          args: [],
          argTypes: [],
        });
        expect(tables.rows.map((r) => r[0]).sort()).toEqual([...models(), '_prisma_migrations'].sort());
        const finished = await db.queryRaw({
          sql: 'SELECT count(*)::int FROM _prisma_migrations WHERE finished_at IS NOT NULL',
          args: [],
          argTypes: [],
        });
        expect(finished.rows[0]![0]).toBe(expected.length);
      } finally {
        await db.dispose();
      }
    });
  });

  it('the committed PostgreSQL migrations produce exactly prisma/schema.prisma', async () => {
    const sql = await diffMigrationsToSchema({
      schemaPath,
      migrationsDir: pgMigrationsDir,
      provider: 'postgresql',
      shadowServerUrl: postgresUrl!,
    });
    expect(sql, `prisma/migrations-postgres differs from the schema by:\n${sql}`).toBeNull();
  });
});
