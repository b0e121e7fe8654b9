// Personal data in the database: everything held about one Slack user (export), removing them
// (erase: ids replaced by a pseudonym, their App Home choices deleted, the texts that name them
// redacted and every posted message re-rendered through the outbox), and erasing the free-text
// municipal contact of a need, by hand or after the retention period. Prisma in, plain objects out.
import type { Db, Tx } from '../platform/db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { searchIndexText } from '../matching/index.js';
import { newPseudonym } from './pseudonym.js';
import { needText } from '../needs/needInput.js';
import { queueMessageUpdates } from '../needs/store/suggestionPosts.js';

export interface PersonNeed {
  id: number;
  municipality: string;
  title: string;
  description: string;
  sector: string | null;
  municipalContact: string | null;
  status: string;
  source: string;
  recordedAt: string;
  claimedAt: string | null;
  resolvedAt: string | null;
  withdrawnAt: string | null;
  /** Null: imported with no Slack person attached. */
  recordedByUserId: string | null;
  ourContactUserId: string | null;
  claimedByUserId: string | null;
}

export interface PersonExport {
  userId: string;
  exportedAt: string;
  /** Needs they recorded. */
  needsRecorded: PersonNeed[];
  /** Needs where they are "Vår kontakt". */
  needsAsOurContact: PersonNeed[];
  /** Needs they have taken ("Jag tar kontakt" / 🙋), as the claim stands now. */
  needsClaimed: PersonNeed[];
  /** What they said on suggestion messages: 👍 👎 🙋 ✅ and "Inte vårt område". */
  feedback: { needId: number; kind: string; channelId: string; at: string }[];
  /** History entries made by them. */
  history: { needId: number; kind: string; detail: string; at: string }[];
  /** Their App Home choices. */
  preferences: { areas: string | null; filters: string; updatedAt: string } | null;
  /** Button presses remembered (for a day) so a replayed press counts once. */
  recentButtonPresses: string[];
  /** Needs whose title, description or municipal contact mention their Slack id. */
  needsMentioningThem: number[];
}

const needSelect = {
  id: true,
  title: true,
  description: true,
  sector: true,
  municipalContact: true,
  status: true,
  source: true,
  recordedAt: true,
  claimedAt: true,
  resolvedAt: true,
  withdrawnAt: true,
  recordedByUserId: true,
  ourContactUserId: true,
  claimedByUserId: true,
  municipality: { select: { name: true } },
} as const;

type NeedRow = Prisma.NeedGetPayload<{ select: typeof needSelect }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function personNeed(row: NeedRow): PersonNeed {
  return {
    id: row.id,
    municipality: row.municipality.name,
    title: row.title,
    description: row.description,
    sector: row.sector,
    municipalContact: row.municipalContact,
    status: row.status,
    source: row.source,
    recordedAt: row.recordedAt.toISOString(),
    claimedAt: iso(row.claimedAt),
    resolvedAt: iso(row.resolvedAt),
    withdrawnAt: iso(row.withdrawnAt),
    recordedByUserId: row.recordedByUserId,
    ourContactUserId: row.ourContactUserId,
    claimedByUserId: row.claimedByUserId,
  };
}

/** ProcessedEvent keys of button presses: "action:<user>:<action_id>:<action_ts>". */
const pressPrefix = (userId: string) => `action:${userId}:`;

/** Needs whose texts contain any of the strings (case-insensitive; the database's LIKE is not, on PostgreSQL). */
async function needsWithText(db: Db | Tx, needles: string[]): Promise<{ id: number; title: string; description: string; municipalContact: string | null }[]> {
  if (needles.length === 0) return [];
  const variants = [...new Set(needles.flatMap((n) => [n, n.toLowerCase(), n.toUpperCase(), n.charAt(0).toUpperCase() + n.slice(1).toLowerCase()]))];
  const rows = await db.need.findMany({
    where: { OR: variants.flatMap((v) => [{ title: { contains: v } }, { description: { contains: v } }, { municipalContact: { contains: v } }]) },
    select: { id: true, title: true, description: true, municipalContact: true },
  });
  return rows.filter((r) => needles.some((n) => containsFolded(`${r.title}\n${r.description}\n${r.municipalContact ?? ''}`, n)));
}

const containsFolded = (text: string, needle: string) => text.toLocaleLowerCase('sv').includes(needle.toLocaleLowerCase('sv'));

export async function exportPerson(db: Db, userId: string, now = new Date()): Promise<PersonExport> {
  const [recorded, contact, claimed, feedback, history, preferences, presses, mentioning] = await Promise.all([
    db.need.findMany({ where: { recordedByUserId: userId }, orderBy: { id: 'asc' }, select: needSelect }),
    db.need.findMany({ where: { ourContactUserId: userId }, orderBy: { id: 'asc' }, select: needSelect }),
    db.need.findMany({ where: { claimedByUserId: userId }, orderBy: { id: 'asc' }, select: needSelect }),
    db.feedback.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
    db.needEvent.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
    db.userPreference.findUnique({ where: { userId } }),
    db.processedEvent.findMany({ where: { eventId: { startsWith: pressPrefix(userId) } }, orderBy: { receivedAt: 'asc' } }),
    needsWithText(db, [userId]),
  ]);
  return {
    userId,
    exportedAt: now.toISOString(),
    needsRecorded: recorded.map(personNeed),
    needsAsOurContact: contact.map(personNeed),
    needsClaimed: claimed.map(personNeed),
    feedback: feedback.map((f) => ({ needId: f.needId, kind: f.kind, channelId: f.channelId, at: f.createdAt.toISOString() })),
    history: history.map((e) => ({ needId: e.needId, kind: e.kind, detail: e.detail, at: e.at.toISOString() })),
    preferences: preferences ? { areas: preferences.areas, filters: preferences.filters, updatedAt: preferences.updatedAt.toISOString() } : null,
    recentButtonPresses: presses.map((p) => p.eventId),
    needsMentioningThem: mentioning.map((n) => n.id).sort((a, b) => a - b),
  };
}

export interface EraseOptions {
  /** Names of the person to redact from need texts as well (their Slack id always is). */
  names?: string[];
  /** What replaces their id or name in a text, e.g. "[raderad]". */
  redaction: string;
  dryRun?: boolean;
  now?: Date;
}

export interface EraseResult {
  /** The pseudonym that replaced the id (null when nothing held the id). */
  pseudonym: string | null;
  /** Rows changed per table and column. */
  changed: {
    'Need.recordedByUserId': number;
    'Need.ourContactUserId': number;
    'Need.claimedByUserId': number;
    'Need texts redacted': number;
    'Feedback.userId': number;
    'NeedEvent.userId': number;
    'UserPreference (deleted)': number;
    'ProcessedEvent (deleted)': number;
    'TrainingExample texts redacted': number;
    'OutboxMessage (message updates queued)': number;
  };
  needIds: number[];
  dryRun: boolean;
}

class DryRun extends Error {
  constructor(readonly result: EraseResult) {
    super('dry run');
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every needle replaced (case-insensitive), and `<@ID>` mentions as a whole. */
export function redact(text: string, needles: string[], redaction: string): string {
  let out = text;
  for (const needle of needles) {
    if (needle.trim() === '') continue;
    out = out.replace(new RegExp(`<@${escapeRegExp(needle)}(\\|[^>]*)?>`, 'giu'), redaction);
    out = out.replace(new RegExp(escapeRegExp(needle), 'giu'), redaction);
  }
  return out;
}

/**
 * Removes the person from every table in one transaction: ids → a pseudonym, preferences and
 * remembered button presses deleted, texts naming them redacted (with the training copy of the
 * need's text), and every posted message of the needs concerned queued for re-rendering.
 * Idempotent: a second run finds nothing. With dryRun, the same work is rolled back.
 */
export async function erasePerson(db: Db, userId: string, options: EraseOptions): Promise<EraseResult> {
  const now = options.now ?? new Date();
  const needles = [userId, ...(options.names ?? []).map((n) => n.trim()).filter((n) => n.length >= 2)];
  const run = async (tx: Tx): Promise<EraseResult> => {
    const pseudonym = newPseudonym();
    const ofNeeds = async (where: object) => (await tx.need.findMany({ where, select: { id: true } })).map((n) => n.id);
    const affected = new Set<number>([
      ...(await ofNeeds({ OR: [{ recordedByUserId: userId }, { ourContactUserId: userId }, { claimedByUserId: userId }] })),
      ...(await tx.feedback.findMany({ where: { userId }, select: { needId: true } })).map((f) => f.needId),
      ...(await tx.needEvent.findMany({ where: { userId }, select: { needId: true } })).map((e) => e.needId),
    ]);
    const recordedBy = await tx.need.updateMany({ where: { recordedByUserId: userId }, data: { recordedByUserId: pseudonym } });
    const ourContact = await tx.need.updateMany({ where: { ourContactUserId: userId }, data: { ourContactUserId: pseudonym } });
    const claimedBy = await tx.need.updateMany({ where: { claimedByUserId: userId }, data: { claimedByUserId: pseudonym } });
    const feedback = await tx.feedback.updateMany({ where: { userId }, data: { userId: pseudonym } });
    const events = await tx.needEvent.updateMany({ where: { userId }, data: { userId: pseudonym } });
    const preferences = await tx.userPreference.deleteMany({ where: { userId } });
    const presses = await tx.processedEvent.deleteMany({ where: { eventId: { startsWith: pressPrefix(userId) } } });
    let textsRedacted = 0;
    let trainingRedacted = 0;
    for (const need of await needsWithText(tx, needles)) {
      const title = redact(need.title, needles, options.redaction);
      const description = redact(need.description, needles, options.redaction);
      const municipalContact = need.municipalContact === null ? null : redact(need.municipalContact, needles, options.redaction);
      if (title === need.title && description === need.description && municipalContact === need.municipalContact) continue;
      await tx.need.update({
        where: { id: need.id },
        data: { title, description, municipalContact, searchText: searchIndexText(needText({ title, description })) },
      });
      // The matcher's copy of the text (feedback/giveFeedback.ts writes it as needText too).
      const training = await tx.trainingExample.updateMany({ where: { key: `need:${need.id}` }, data: { text: needText({ title, description }) } });
      trainingRedacted += training.count;
      textsRedacted++;
      affected.add(need.id);
    }
    const needIds = [...affected].sort((a, b) => a - b);
    const queued = await queueMessageUpdates(tx, needIds, now);
    const touched = recordedBy.count + ourContact.count + claimedBy.count + feedback.count + events.count;
    return {
      pseudonym: touched > 0 ? pseudonym : null,
      changed: {
        'Need.recordedByUserId': recordedBy.count,
        'Need.ourContactUserId': ourContact.count,
        'Need.claimedByUserId': claimedBy.count,
        'Need texts redacted': textsRedacted,
        'Feedback.userId': feedback.count,
        'NeedEvent.userId': events.count,
        'UserPreference (deleted)': preferences.count,
        'ProcessedEvent (deleted)': presses.count,
        'TrainingExample texts redacted': trainingRedacted,
        'OutboxMessage (message updates queued)': queued,
      },
      needIds,
      dryRun: options.dryRun ?? false,
    };
  };
  if (!options.dryRun) return db.$transaction(run);
  try {
    await db.$transaction(async (tx) => {
      throw new DryRun(await run(tx));
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
  throw new Error('unreachable');
}

export type ContactErasure = { ok: true; erased: boolean } | { ok: false; reason: 'missing' };

/** Clears a need's "Kontakt i kommunen", with a history entry, and re-renders its messages. */
export async function eraseMunicipalContact(
  db: Db,
  needId: number,
  options: { userId?: string | null; reason: 'manual' | 'retention'; now?: Date },
): Promise<ContactErasure> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const need = await tx.need.findUnique({ where: { id: needId }, select: { municipalContact: true } });
    if (!need) return { ok: false as const, reason: 'missing' as const };
    if (need.municipalContact === null) return { ok: true as const, erased: false };
    await clearContact(tx, needId, options.userId ?? null, options.reason, now);
    return { ok: true as const, erased: true };
  });
}

async function clearContact(tx: Tx, needId: number, userId: string | null, reason: string, now: Date): Promise<void> {
  await tx.need.update({ where: { id: needId }, data: { municipalContact: null } });
  await tx.needEvent.create({ data: { needId, kind: 'contact_erased', detail: reason, userId, at: now } });
  await queueMessageUpdates(tx, [needId], now);
}

/** `months` before `now` (the same day of the month, or the month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * Clears the municipal contact of needs resolved or withdrawn more than `months` ago (at most
 * `limit` per run; the maintenance job runs every five minutes). Returns the needs cleared.
 */
export async function clearExpiredMunicipalContacts(db: Db, months: number, now = new Date(), limit = 200): Promise<number[]> {
  const cutoff = monthsBefore(now, months);
  const due = await db.need.findMany({
    where: {
      municipalContact: { not: null },
      OR: [
        { status: 'resolved', resolvedAt: { lt: cutoff } },
        { status: 'withdrawn', withdrawnAt: { lt: cutoff } },
      ],
    },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true },
  });
  const cleared: number[] = [];
  for (const { id } of due) {
    const result = await eraseMunicipalContact(db, id, { reason: 'retention', now });
    if (result.ok && result.erased) cleared.push(id);
  }
  return cleared;
}
