// Recognising database errors that are outcomes, not failures.

/**
 * A unique constraint said "this already exists" (Prisma's P2002; raw SQLite errors inside a
 * driver adapter can surface with only the message).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown };
  return e.code === 'P2002' || (typeof e.message === 'string' && /UNIQUE constraint failed|duplicate key value/i.test(e.message));
}
