// Many rows into one table with one INSERT per chunk, through Prisma's tagged SQL (its own
// placeholders and value mapping for each database). Why not createMany: Prisma 7's query
// compiler spends a quarter to half a millisecond per row on it (1,000 classification rows:
// 441 ms, as one INSERT 65 ms), which was most of an import's time. Only for plain columns, and
// every column with a default is given by the caller: the schema's defaults are Prisma's, not
// always the database's own (SQLite's CURRENT_TIMESTAMP is another text format than Prisma's).
import { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from './client.js';

/** A client or a transaction: only its raw statements are used. */
type RawClient = Pick<Tx, '$executeRaw' | '$queryRaw'>;

/** The tables written in bulk, with the columns Prisma would accept for them. */
interface BulkTables {
  Need: Prisma.NeedCreateManyInput;
  NeedClassification: Prisma.NeedClassificationCreateManyInput;
  NeedEnvironment: Prisma.NeedEnvironmentCreateManyInput;
  NeedArea: Prisma.NeedAreaCreateManyInput;
  NeedSimilar: Prisma.NeedSimilarCreateManyInput;
  SuggestionPost: Prisma.SuggestionPostCreateManyInput;
  OutboxMessage: Prisma.OutboxMessageCreateManyInput;
  TrainingExample: Prisma.TrainingExampleCreateManyInput;
  TrainingLabel: Prisma.TrainingLabelCreateManyInput;
}
type Table = keyof BulkTables;

/** Fields whose column is named otherwise (@map in schema.prisma); test/unit/db/bulkInsert.test.ts reads each table back through Prisma. */
const COLUMN_OF: Partial<Record<`${Table}.${string}`, string>> = { 'Need.ourContactUserId': 'contactUserId' };

const columnName = (table: Table, field: string): string => COLUMN_OF[`${table}.${field}`] ?? field;
type Row<T extends Table, C extends keyof BulkTables[T]> = { [K in C]-?: Exclude<BulkTables[T][K], undefined> };

/** Well under SQLite's 32,766 bound parameters per statement (PostgreSQL's 65,535). */
const MAX_PARAMETERS = 8_000;

function* chunks<R>(rows: readonly R[], columns: number): Generator<readonly R[]> {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

function insertSql<T extends Table, C extends keyof BulkTables[T] & string>(table: T, columns: readonly C[], rows: readonly Row<T, C>[]): Prisma.Sql {
  // Table and column names come from this module's types, never from input.
  const names = Prisma.raw(columns.map((c) => `"${columnName(table, c)}"`).join(', '));
  const values = Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c]))})`));
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) VALUES ${values}`;
}

/** Inserts the rows (all columns named in `columns`); nothing when there are none. */
export async function insertRows<T extends Table, C extends keyof BulkTables[T] & string>(
  tx: RawClient,
  table: T,
  columns: readonly C[],
  rows: readonly Row<T, C>[],
): Promise<void> {
  for (const chunk of chunks(rows, columns.length)) await tx.$executeRaw(insertSql(table, columns, chunk));
}

/** The same, returning the `returned` columns of every inserted row (in no particular order: SQLite does not promise one). */
export async function insertRowsReturning<T extends Table, C extends keyof BulkTables[T] & string, R extends keyof BulkTables[T] & string>(
  tx: RawClient,
  table: T,
  columns: readonly C[],
  rows: readonly Row<T, C>[],
  returned: readonly R[],
): Promise<Record<R, unknown>[]> {
  const out: Record<R, unknown>[] = [];
  const returning = Prisma.raw(returned.map((c) => `"${columnName(table, c)}" AS "${c}"`).join(', '));
  for (const chunk of chunks(rows, columns.length)) {
    out.push(...(await tx.$queryRaw<Record<R, unknown>[]>(Prisma.sql`${insertSql(table, columns, chunk)} RETURNING ${returning}`)));
  }
  return out;
}
