// `classify "text"` prints a readable ranking with the abstention decision and the words
// behind each score; `classify --jsonl FILE` prints one JSON line per input line. Trained like the
// bot (trainingSource.ts); stderr says on what. Also home of the argument parsing the commands share.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { trainMatcher, type Classification, type Matcher } from '../matching/index.js';
import type { CliIo } from './index.js';
import { loadTrainingSource } from '../training/trainingSource.js';

export class UsageError extends Error {}

/** node's parseArgs for the shape, zod for the values; problems become a UsageError. */
export function parseCommandArgs<T extends z.ZodType>(args: string[], options: NonNullable<ParseArgsConfig['options']>, schema: T): z.infer<T> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) throw new UsageError(z.prettifyError(result.error));
  return result.data;
}

/**
 * A command with subcommands (`outbox list`, `person erase`, `need erase-contact`): the subcommand
 * and its arguments, or — without one, or with --help / -h — the exit code after printing the help
 * (2 when nothing was given, 0 when help was asked for). An unknown subcommand is a UsageError.
 */
export function readSubcommand<S extends string>(
  args: readonly string[],
  known: readonly S[],
  help: string,
  io: Pick<CliIo, 'stdout'>,
): { sub: S; rest: string[] } | { exitCode: 0 | 2 } {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help')) {
    io.stdout(help);
    return { exitCode: sub === undefined ? 2 : 0 };
  }
  if (!(known as readonly string[]).includes(sub)) throw new UsageError(`unknown subcommand "${sub}" (${known.join(' or ')})`);
  return { sub: sub as S, rest };
}

const HELP = [
  'usage: npm run cli -- classify "text" [--seed-only] [--seed-dir DIR]',
  '       npm run cli -- classify --jsonl FILE [--seed-only] [--seed-dir DIR]',
  '',
  "Ranks the strength areas for a need, trained like the bot (the database's labelled examples,",
  "feedback included, or the region pack's files): the decision, each area's score and the words",
  'behind it. stderr says what the model was trained on.',
  '  --jsonl      one JSON object {"id", "text"} per line (FILE, or - for standard input); prints one',
  '               line {"id", "areas", "abstain"} per need; a bad line is named on stderr and skipped',
  "  --seed-only  train on the region pack's files even when there is a database; --seed-dir: another pack",
].join('\n');

const classifyArgs = z
  .object({
    jsonl: z.string().min(1).optional(),
    'seed-dir': z.string().min(1).optional(),
    'seed-only': z.boolean().default(false),
    positionals: z.array(z.string()),
  })
  .refine((a) => (a.jsonl === undefined) !== (a.positionals.join(' ').trim() === ''), {
    error: 'give either a text to classify or --jsonl FILE (use "-" for standard input), not both',
  });

/** One input line of `classify --jsonl`. */
export const jsonlNeedSchema = z.object({
  /** Echoed back as given (string or number), so callers can join on it. */
  id: z.union([z.string().min(1), z.number()]),
  text: z.string().trim().min(1, 'text must not be empty'),
});

export async function runClassify(args: string[], io: CliIo, databaseUrl?: () => string | null): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const options = parseCommandArgs(args, { jsonl: { type: 'string' }, 'seed-dir': { type: 'string' }, 'seed-only': { type: 'boolean' } }, classifyArgs);
  const source = await loadTrainingSource({ seedOnly: options['seed-only'], seedDir: options['seed-dir'], databaseUrl });
  const matcher = trainMatcher(source.data);
  // On stderr: stdout of --jsonl is the contract (one JSON line per need).
  io.stderr(`model ${matcher.version}, trained on ${source.description}`);
  if (options.jsonl !== undefined) return classifyJsonl(io.readText(options.jsonl), matcher, io);
  const text = options.positionals.join(' ');
  printReadable(text, matcher.classify(text), matcher.probabilities(text).none, io);
  return 0;
}

/** Classifies each line; a bad line is reported on stderr and skipped; returns 1 if any was bad. */
export function classifyJsonl(input: string, matcher: Matcher, io: CliIo): number {
  let failures = 0;
  input.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      io.stderr(`line ${lineNumber}: not valid JSON`);
      failures++;
      return;
    }
    const need = jsonlNeedSchema.safeParse(json);
    if (!need.success) {
      io.stderr(`line ${lineNumber}: ${z.prettifyError(need.error).replace(/\n/g, '; ')}`);
      failures++;
      return;
    }
    const c = matcher.classify(need.data.text);
    io.stdout(JSON.stringify({ id: need.data.id, areas: c.ranked.map(({ slug, score }) => ({ slug, score })), abstain: c.abstain }));
  });
  if (failures > 0) io.stderr(`${failures} line(s) could not be classified`);
  return failures > 0 ? 1 : 0;
}

function printReadable(text: string, c: Classification, noneScore: number, io: CliIo): void {
  io.stdout(`need: ${text}`);
  io.stdout(c.abstain ? 'decision: abstain (Ingen tydlig matchning)' : `decision: ${c.suggested.map((s) => s.slug).join(' + ')}`);
  io.stdout('');
  io.stdout('  area           score  words behind the score');
  for (const r of c.ranked) {
    const mark = c.suggested.some((s) => s.slug === r.slug) ? '*' : ' ';
    io.stdout(`${mark} ${r.slug.padEnd(14)} ${r.score.toFixed(2).padStart(5)}  ${r.terms.join(', ')}`);
  }
  io.stdout(`  ${'(none of them)'.padEnd(14)} ${noneScore.toFixed(2).padStart(5)}`);
  io.stdout('');
  io.stdout(`model: ${c.modelVersion}`);
}
