// Writes prisma/generated/schema.postgres.prisma: prisma/schema.prisma with the datasource provider
// swapped to PostgreSQL (the same swap the migrations use, datamodelFor) and the client generated
// into src/generated/prisma-postgres. `npm ci` runs it from `postinstall`, between the two
// `prisma generate` calls; the file is git-ignored, schema.prisma stays the one source of truth.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { datamodelFor, PROJECT_ROOT } from './migrations-engine/datasource.js';

export const POSTGRES_SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma', 'generated', 'schema.postgres.prisma');
export const POSTGRES_CLIENT_DIR = path.join(PROJECT_ROOT, 'src', 'generated', 'prisma-postgres');

/**
 * The PostgreSQL variant of `schema`: provider "postgresql", and the generator's output set to
 * `clientDir` written relative to `schemaPath` (Prisma resolves it against the schema's folder).
 */
export function postgresSchemaFor(schema: string, schemaPath = POSTGRES_SCHEMA_PATH, clientDir = POSTGRES_CLIENT_DIR): string {
  const output = /(generator\s+\w+\s*\{[^}]*?output\s*=\s*)"[^"]*"/;
  if (!output.test(schema)) throw new Error('The Prisma schema has no generator output');
  const relative = path.relative(path.dirname(schemaPath), clientDir).split(path.sep).join('/');
  const header = '// Generated from prisma/schema.prisma by src/platform/db/postgresSchema.ts (npm postinstall). Do not edit.\n';
  return header + datamodelFor(schema, 'postgresql').replace(output, `$1"${relative}"`);
}

export function writePostgresSchema(sourcePath = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma'), targetPath = POSTGRES_SCHEMA_PATH): string {
  const derived = postgresSchemaFor(fs.readFileSync(sourcePath, 'utf8'), targetPath);
  fs.mkdirSync(path.dirname(targetPath), { recursive: true });
  fs.writeFileSync(targetPath, derived, 'utf8');
  return targetPath;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const written = writePostgresSchema();
  console.log(`Wrote ${path.relative(process.cwd(), written)}`);
}
