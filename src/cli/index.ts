// Operator CLI: `npm run cli -- <command> [options]`. `run(argv, io)` is what tests call;
// running this file directly wires it to the process.
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { runClassify, UsageError } from './classify.js';
import { runDoctor } from './doctor.js';
import { runEval } from './eval.js';
import { runExport } from '../export/cli.js';
import { runNeed } from '../privacy/needCli.js';
import { runPerson } from '../privacy/personCli.js';
import { runImportCommand } from '../import/cli.js';
import { runOutbox } from './outbox.js';
import { runSummary } from '../weekly-summary/cli.js';
import { runRegion } from '../region/cli.js';

export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Reads a file, or standard input for "-". */
  readText(file: string): string;
  /** Which of the streams are terminals (progress bars are drawn only there). */
  isTTY?: { stdout: boolean; stderr: boolean };
}

export const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readText: (file) => readFileSync(file === '-' ? 0 : file, 'utf8'),
  isTTY: { stdout: process.stdout.isTTY, stderr: process.stderr.isTTY },
};

type Command = (args: string[], io: CliIo) => Promise<number> | number;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  classify: {
    run: (args, io) => runClassify(args, io),
    summary: 'classify "text" | classify --jsonl FILE [--seed-only]   rank the strength areas for needs (trained like the bot)',
  },
  eval: {
    run: (args, io) => runEval(args, io),
    summary:
      'eval [--folds 5] [--repeats 1] [--seed 42] [--holdout F|none] [--file F] [--cv-ids PREFIX] [--seed-only] [--sweep] [--json]   cross-validate the matcher, side by side with the out-of-style held-out set',
  },
  summary: {
    run: (args, io) => runSummary(args, io),
    summary: 'summary [--week 2026-W48] [--channel C…] --dry-run [--out DIR] | --post   weekly summary: preview or post now',
  },
  doctor: {
    run: (args, io) => runDoctor(args, io),
    summary: 'doctor   check .env, the Slack app, the channels, the database and the matcher (exit 0 when all is well)',
  },
  outbox: {
    run: (args, io) => runOutbox(args, io),
    summary: 'outbox list [--status unsent|failed|all] | outbox retry ID… | --failed   posts waiting or failed, and re-sending them',
  },
  export: {
    run: (args, io) => runExport(args, io),
    summary: 'export --format csv|xlsx|json [--out FILE] [--from DATE] [--to DATE] [--kommun …] [--område …]   every need for a report',
  },
  person: {
    run: (args, io) => runPerson(args, io),
    summary: 'person export U… | person erase U… [--name "Full Name"]… [--dry-run]   what the app holds about a person; erasing it',
  },
  need: { run: (args, io) => runNeed(args, io), summary: "need erase-contact ID   clear a need's municipal contact (free text) and update its messages" },
  region: {
    run: (args, io) => runRegion(args, io),
    summary: 'region check FOLDER   validate a region pack (no database, no Slack) and list its areas, environments and municipalities',
  },
  import: {
    run: (args, io) => runImportCommand(args, io),
    summary: 'import FILE [--dry-run] [--source "Workshop Storby 2027-03-12"] [--by U…]   workshop notes (CSV or XLSX) in as needs, routed like /need',
  },
};

function usage(io: CliIo): void {
  io.stderr('usage: npm run cli -- <command> [options]');
  for (const { summary } of Object.values(COMMANDS)) io.stderr(`  ${summary}`);
}

/** Runs one CLI command; returns the exit code. */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    usage(io);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`unknown command "${name}"`);
    usage(io);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${name}: ${error.message}`);
      return 2;
    }
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2));
}
