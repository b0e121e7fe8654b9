// `region check <folder>`: validates a region pack without a database or Slack, and prints what it
// holds: the region, each area with its innovation environments, the municipalities, and whether
// it has labelled needs (without them the matcher starts cold, from the pack's own texts).
// Exit 0 when the pack can be used, 1 with one line per problem otherwise.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseCommandArgs } from '../cli/classify.js';
import type { CliIo } from '../cli/index.js';
import { BACKGROUND_TEXT_FILE, loadRegionPack, type RegionPack, RegionPackError } from './regionPack.js';

const HELP = [
  'usage: npm run cli -- region check FOLDER',
  '',
  'Checks a region pack (region.yml, strength-areas.yml, innovation-environments.yml,',
  'municipalities.yml, optional needs-train.jsonl and matcher.yml; see docs/region-packs.md) and',
  'prints its areas, the innovation environments of each, its municipalities and whether it has',
  'labelled needs. Needs no database and no Slack. Exit 0 when the pack is usable, 1 otherwise.',
].join('\n');

const regionArgs = z.object({
  positionals: z.tuple([z.literal('check', { error: 'the subcommand is `check`' }), z.string().min(1)], { error: 'usage: region check FOLDER' }),
});

export function runRegion(args: string[], io: CliIo, today: () => Date = () => new Date()): number {
  if (args.includes('--help') || args.includes('-h') || args.length === 0) {
    io.stdout(HELP);
    return args.length === 0 ? 2 : 0;
  }
  const [, folder] = parseCommandArgs(args, {}, regionArgs).positionals;
  let pack: RegionPack;
  try {
    pack = loadRegionPack(folder);
  } catch (error) {
    if (!(error instanceof RegionPackError)) throw error;
    io.stderr(`${folder}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}`);
    for (const problem of error.problems) io.stderr(`  ${problem}`);
    return 1;
  }
  for (const line of describePack(pack, today())) io.stdout(line);
  return 0;
}

/** What an operator wants to see of a valid pack. */
export function describePack(pack: RegionPack, today: Date): string[] {
  const { region, areas, environments, municipalities, labelledNeeds, phrases } = pack;
  const lines = [
    `${region.name}${region.nameEn ? ` (${region.nameEn})` : ''} — slug ${region.slug}, language ${region.language}, time zone ${region.timezone}`,
    '',
  ];
  lines.push(`${areas.length} strength areas, with their innovation environments:`);
  const serveAll = environments.filter((e) => e.areas.length === 0);
  for (const area of areas) {
    const own = environments.filter((e) => e.areas.includes(area.slug));
    const coordinator = own.find((e) => e.coordinates.includes(area.slug));
    lines.push(
      `  ${area.slug} — ${area.name}: ${own.length} environment${own.length === 1 ? '' : 's'}${coordinator ? ` (coordinator: ${coordinator.name})` : ''}`,
    );
    for (const env of own) lines.push(`      ${env.name}`);
    const areaPhrases = phrases.phrases[area.slug]?.length ?? 0;
    if (areaPhrases > 0) lines.push(`      + ${areaPhrases} matcher phrases`);
  }
  if (serveAll.length > 0) lines.push(`  every area: ${serveAll.map((e) => e.name).join(', ')}`);
  lines.push('', `${municipalities.length} municipalities: ${municipalities.map((m) => m.name).join(', ')}`, '');
  lines.push(
    labelledNeeds.length > 0
      ? `labelled needs: ${labelledNeeds.length} (needs-train.jsonl)`
      : 'labelled needs: none — the matcher starts cold, from the area descriptions, keywords and phrases, and learns from 👍/👎',
  );
  if (pack.corpus.length > 0) lines.push(`real passages (corpus/): ${pack.corpus.length}`);
  if (phrases.none.length > 0) lines.push(`"none" phrases: ${phrases.none.length}`);
  const ownBackground = existsSync(path.join(pack.dir, BACKGROUND_TEXT_FILE));
  lines.push(
    `background text: ${pack.background.length} passages (${ownBackground ? BACKGROUND_TEXT_FILE : 'the shared regions/background-text.jsonl, Swedish and English'}), read by the matcher until it has 1,000 labelled examples`,
  );
  const todayIso = today.toISOString().slice(0, 10);
  for (const env of environments) {
    if (env.ends !== undefined && env.ends < todayIso) lines.push(`note: ${env.name} ended on ${env.ends} (innovation-environments.yml: ends)`);
  }
  return lines;
}
