import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POSTGRES_CLIENT_DIR, POSTGRES_SCHEMA_PATH, postgresSchemaFor } from '../../../../src/platform/db/postgresSchema.js';

const root = path.resolve(import.meta.dirname, '../../../..');
const schema = fs.readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8');

describe('postgresSchemaFor (the PostgreSQL client generated at install)', () => {
  const derived = postgresSchemaFor(schema);

  it('swaps the provider and points the generator at src/generated/prisma-postgres', () => {
    expect(POSTGRES_SCHEMA_PATH).toBe(path.join(root, 'prisma', 'generated', 'schema.postgres.prisma'));
    expect(derived).toMatch(/datasource db \{\s*provider = "postgresql"\s*\}/);
    const output = /output\s*=\s*"([^"]+)"/.exec(derived)?.[1];
    expect(output).toBe('../../src/generated/prisma-postgres');
    expect(path.resolve(path.dirname(POSTGRES_SCHEMA_PATH), output!)).toBe(POSTGRES_CLIENT_DIR);
  });

  it('keeps everything else as it is', () => {
    const strip = (text: string) =>
      text
        .split('\n')
        .filter((line) => !/^\s*(provider|output)\s*=|^\/\/ Generated from/.test(line))
        .join('\n');
    expect(strip(derived)).toBe(strip(schema));
    expect(derived).toMatch(/generator client \{\s*provider\s*=\s*"prisma-client"/);
  });

  it('refuses a schema without a generator output', () => {
    expect(() => postgresSchemaFor('datasource db {\n  provider = "sqlite"\n}\n')).toThrow(/no generator output/);
  });
});
