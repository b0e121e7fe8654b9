// `export [--from DATE] [--to DATE] [--kommun …] [--område …] --format csv|xlsx|json [--out FILE]
// [--delimiter ;]`: every need with what a report asks for, streamed to the file (or standard
// output) as it is read. Names are forgiving ("storby", "Storbys kommun", "transporter").
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { loadLocale } from '../config.js';
import type { Db } from '../platform/db/client.js';
import type { Locale } from '../i18n/messages.js';
import { EXPORT_FORMATS, writeExport } from './exportNeeds.js';
import { areaNamesOf, stockholmDayStart } from './exportSupport.js';
import type { AreaSlug } from '../matching/types.js';
import { parseListQuery, type Vocabulary } from '../register/listQuery.js';
import { parseCommandArgs, UsageError } from '../cli/classify.js';
import { openDatabase } from '../cli/database.js';
import type { CliIo } from '../cli/index.js';
import { loadMunicipalities, loadAreas } from '../region/referenceDataRepository.js';

const HELP = [
  'usage: npm run cli -- export --format csv|xlsx|json [--out FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  '                             [--kommun NAME]… [--område NAME]… [--delimiter ;|,]',
  '',
  'One row per need: id, recorded date, municipality, sector, title, description, the strength areas',
  "as they stand and the model's suggestion, status, claimed, resolved, days to first claim, suggested",
  'environments, channels, 👍/👎 counts, source, withdrawn. Column headers follow LOCALE (sv or en).',
  '  --format     csv (UTF-8 with BOM, opens in Excel; delimiter ; for LOCALE=sv, , for en),',
  '               xlsx (the needs and a sheet of counts per municipality × area and per status),',
  '               json (JSON lines: one object per need and line, English keys, ISO timestamps)',
  '  --out        the file to write (default: standard output)',
  '  --from/--to  recorded on or after / on or before these days (Stockholm time)',
  '  --kommun     a municipality (repeat, or separate with commas); --område a strength area, the same way',
].join('\n');

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');

const exportArgs = z
  .object({
    format: z.enum(EXPORT_FORMATS, { error: 'give --format csv, xlsx or json' }),
    out: z.string().min(1).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    kommun: z.array(z.string()).default([]),
    område: z.array(z.string()).default([]),
    omrade: z.array(z.string()).default([]),
    delimiter: z.enum([';', ',', '\t']).optional(),
    positionals: z.array(z.string()).max(0, 'unexpected arguments'),
  })
  .refine((a) => a.from === undefined || a.to === undefined || a.from <= a.to, { error: '--from must not be after --to' })
  .refine((a) => a.delimiter === undefined || a.format === 'csv', { error: '--delimiter is for --format csv' });

const OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  kommun: { type: 'string', multiple: true },
  område: { type: 'string', multiple: true },
  omrade: { type: 'string', multiple: true },
  delimiter: { type: 'string' },
} as const;

const split = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** Names as people type them → ids and slugs; an unknown name is a usage error naming it. */
export function resolveNames(vocabulary: Vocabulary, municipalities: string[], areas: string[]): { municipalityIds: number[]; areas: AreaSlug[] } {
  const municipalityIds = split(municipalities).map((name) => {
    const parsed = parseListQuery(name, { municipalities: vocabulary.municipalities, areas: [] });
    if (parsed.filter.municipalityId === undefined || parsed.words.length > 0) throw new UsageError(`unknown municipality "${name}"`);
    return parsed.filter.municipalityId;
  });
  const slugs = split(areas).map((name) => {
    const parsed = parseListQuery(name, { municipalities: [], areas: vocabulary.areas });
    if (parsed.filter.area === undefined || parsed.words.length > 0)
      throw new UsageError(`unknown strength area "${name}" (${vocabulary.areas.map((a) => a.slug).join(', ')})`);
    return parsed.filter.area;
  });
  return { municipalityIds: [...new Set(municipalityIds)], areas: [...new Set(slugs)] };
}

export async function loadVocabulary(db: Db): Promise<Vocabulary> {
  const [municipalities, areas] = await Promise.all([loadMunicipalities(db), loadAreas(db)]);
  return { municipalities, areas };
}

export interface ExportCliDeps {
  open?: () => Promise<Db>;
  locale?: () => Locale;
  /** Where the export goes without --out (standard output). */
  stdout?: () => Writable;
}

export async function runExport(args: string[], io: CliIo, deps: ExportCliDeps = {}): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const opts = parseCommandArgs(args, OPTIONS, exportArgs);
  const locale = (deps.locale ?? loadLocale)();
  const db = await (deps.open ?? (() => openDatabase()))();
  try {
    const vocabulary = await loadVocabulary(db);
    const names = resolveNames(vocabulary, opts.kommun, [...opts.område, ...opts.omrade]);
    const filter = {
      ...(opts.from ? { from: stockholmDayStart(opts.from) } : {}),
      ...(opts.to ? { to: stockholmDayStart(opts.to, 1) } : {}),
      municipalityIds: names.municipalityIds,
      areas: names.areas,
    };
    const out = opts.out ? createWriteStream(opts.out) : (deps.stdout ?? (() => process.stdout))();
    const { rows } = await writeExport(
      db,
      {
        format: opts.format,
        filter,
        locale,
        ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
        areaName: areaNamesOf(vocabulary.areas, locale),
        areas: vocabulary.areas.map((a) => a.slug),
      },
      out,
    );
    io.stderr(`exported ${rows} needs${opts.out ? ` to ${opts.out}` : ''} (${opts.format}${opts.format === 'json' ? ', JSON lines' : ''})`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
