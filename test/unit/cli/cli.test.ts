import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, type CliIo } from '../../../src/cli/index.js';
import { DEVELOPMENT_SETS, FROZEN_TEST_SETS } from '../../../src/cli/eval.js';
import { ALGORITHM_VERSION } from '../../../src/matching/index.js';
import { SHIPPED_SLUGS } from '../../support/shippedMatcher.js';
import { smallShippedPack } from '../../support/smallPack.js';

function fakeIo(files: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    readText: (file) => {
      const text = files[file];
      if (text === undefined) throw new Error(`ENOENT: no such file '${file}'`);
      return text;
    },
  };
}

// Classifying and evaluating train matchers on this thread (cross-validation: one per fold, two views
// each since tfidf-lr-7), seconds of CPU each: on a machine busy with other work these take several
// times longer (67 s measured for one test at load 5), hence the long timeouts below (a guard
// against a hang, not a bound on speed). The tests of what `eval` reads and prints cross-validate a
// tenth of the shipped pack (test/support/smallPack.ts): the same model, trained on less.
const smallPack = (): string[] => ['--seed-only', '--seed-dir', smallShippedPack()];

describe('classify --jsonl', { timeout: 180_000 }, () => {
  const input = [
    JSON.stringify({ id: 'a', text: 'bygglogistik vid nya resecentrum' }),
    '{"id": "b", "text": ',
    JSON.stringify({ id: 'c', text: '' }),
    '',
    JSON.stringify({ id: 7, text: 'vi har svårt att rekrytera lärare' }),
    JSON.stringify({ text: 'saknar id' }),
  ].join('\n');

  it('prints one contract line per good need and names each bad line on stderr', async () => {
    const io = fakeIo({ 'needs.jsonl': input });
    const code = await run(['classify', '--seed-only', '--jsonl', 'needs.jsonl'], io);
    expect(code).not.toBe(0);
    expect(io.out).toHaveLength(2);
    const [first, second] = io.out.map((line) => JSON.parse(line) as { id: string | number; areas: { slug: string; score: number }[]; abstain: boolean });
    expect(first!.id).toBe('a');
    expect(Object.keys(first!)).toEqual(['id', 'areas', 'abstain']);
    expect(first!.areas.map((a) => a.slug).sort()).toEqual([...SHIPPED_SLUGS].sort());
    expect(first!.areas[0]!.slug).toBe('logistik');
    for (let i = 1; i < first!.areas.length; i++) expect(first!.areas[i - 1]!.score).toBeGreaterThanOrEqual(first!.areas[i]!.score);
    expect(first!.abstain).toBe(false);
    expect(second).toMatchObject({ id: 7, abstain: true });
    expect(io.err.some((l) => l.startsWith('line 2:') && l.includes('not valid JSON'))).toBe(true);
    expect(io.err.some((l) => l.startsWith('line 3:'))).toBe(true);
    expect(io.err.some((l) => l.startsWith('line 6:') && l.includes('id'))).toBe(true);
    expect(io.err.some((l) => l.startsWith('line 4'))).toBe(false);
  });

  it('exits 0 when every line is good', async () => {
    const io = fakeIo({ 'ok.jsonl': `${JSON.stringify({ id: 'x', text: 'sensorer i soptunnorna' })}\n` });
    expect(await run(['classify', '--seed-only', '--jsonl', 'ok.jsonl'], io)).toBe(0);
    // stderr only says which model: stdout is the contract.
    expect(io.err).toEqual([
      expect.stringMatching(/^model tfidf-lr-\S+, trained on the region pack of Region Östergötland \(\d+ labelled needs, \d+ real passages; --seed-only\)$/),
    ]);
  });
});

describe('classify and eval train like the bot', { timeout: 180_000 }, () => {
  it('use the database’s labelled examples, feedback included, when there is a database', async () => {
    const { createTestDb } = await import('../../support/testDb.js');
    const t = await createTestDb();
    try {
      const { runClassify } = await import('../../../src/cli/classify.js');
      const { runEval } = await import('../../../src/cli/eval.js');
      const withoutFeedback = fakeIo({ 'in.jsonl': `${JSON.stringify({ id: 1, text: 'kaffebryggaren i fikarummet' })}\n` });
      await runClassify(['--jsonl', 'in.jsonl'], withoutFeedback, () => t.url);
      // A person's correction, as the bot stores it.
      await t.db.trainingExample.create({
        data: {
          key: 'need:1',
          text: 'Kaffebryggaren i fikarummet behöver en sensor som larmar när kannan är tom.',
          source: 'feedback',
          labels: { create: [{ areaSlug: 'uppkopplade', positive: true }] },
        },
      });
      const withFeedback = fakeIo({ 'in.jsonl': `${JSON.stringify({ id: 1, text: 'kaffebryggaren i fikarummet' })}\n` });
      await runClassify(['--jsonl', 'in.jsonl'], withFeedback, () => t.url);
      const before = withoutFeedback.err[0]!;
      const after = withFeedback.err[0]!;
      expect(before).toMatch(/trained on the database file:.* \(\d+ examples, 0 from feedback\), as the bot does$/);
      expect(after).toMatch(/\(\d+ examples, 1 from feedback\), as the bot does$/);
      expect(after.split(',')[0]).not.toBe(before.split(',')[0]); // another model version
      const seedOnly = fakeIo({ 'in.jsonl': `${JSON.stringify({ id: 1, text: 'x y z' })}\n` });
      await runClassify(['--seed-only', '--jsonl', 'in.jsonl'], seedOnly, () => t.url);
      expect(seedOnly.err[0]).toContain('the region pack of Region Östergötland');
      const evaluated = fakeIo();
      expect(await runEval(['--folds', '2', '--holdout', 'none', '--json'], evaluated, () => t.url)).toBe(0);
      expect(evaluated.err[0]).toMatch(/^cross-validating on \d+ labelled examples from the database/);
    } finally {
      await t.close();
    }
  });

  it('train on the seed files when the configured SQLite file does not exist yet, and create none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-nodb-'));
    const { runClassify } = await import('../../../src/cli/classify.js');
    const io = fakeIo({ 'in.jsonl': `${JSON.stringify({ id: 1, text: 'bygglogistik' })}\n` });
    await runClassify(['--jsonl', 'in.jsonl'], io, () => `file:${path.join(dir, 'none.db')}`);
    expect(io.err[0]).toMatch(/the region pack of Region Östergötland \(\d+ labelled needs, \d+ real passages; no database at file:.*none\.db yet\)$/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(path.join(dir, 'none.db'))).toBe(false);
  });
});

describe('classify "text"', () => {
  it('prints the ranking, the decision and the words behind it', async () => {
    const io = fakeIo();
    expect(await run(['classify', '--seed-only', 'trygghetslarmen i hemtjänsten tappar uppkopplingen'], io)).toBe(0);
    const text = io.out.join('\n');
    expect(text).toContain('decision: uppkopplade');
    expect(text).toMatch(/\* uppkopplade\s+[01]\.\d\d\s+.*trygghetslarmen/);
    for (const slug of SHIPPED_SLUGS) expect(text).toContain(slug);
  });

  it('rejects bad usage with exit code 2 and a message', async () => {
    const both = fakeIo();
    expect(await run(['classify', 'text', '--jsonl', 'f'], both)).toBe(2);
    expect(both.err.join('\n')).toMatch(/either a text/);
    const unknown = fakeIo();
    expect(await run(['classify', '--bogus'], unknown)).toBe(2);
    const command = fakeIo();
    expect(await run(['nope'], command)).toBe(2);
  });
});

describe('eval', { timeout: 180_000 }, () => {
  it('evaluates a labelled file and reports the metrics as JSON', async () => {
    const file = [
      JSON.stringify({ id: '1', text: 'bygglogistik vid nya resecentrum', areas: ['logistik'] }),
      JSON.stringify({ id: '2', text: 'vi har svårt att rekrytera lärare', areas: ['none'] }),
    ].join('\n');
    const io = fakeIo({ 'f.jsonl': file });
    expect(await run(['eval', '--seed-only', '--file', 'f.jsonl', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out[0]!) as { count: number; hitAt1: number; macroF1: number; abstention: { recall: number } };
    expect(report.count).toBe(2);
    expect(report.hitAt1).toBe(1);
    expect(report.abstention.recall).toBe(1);
  });

  it("cross-validates the pack's needs with progress on stderr", async () => {
    const io = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2'], io)).toBe(0);
    expect(io.err.filter((l) => l.startsWith('fold '))).toHaveLength(2);
    const text = io.out.join('\n');
    expect(text).toMatch(/macro-F1 +0\.\d{3}/);
    expect(text).toContain('confusion, cross-validation');
    expect(text).toMatch(/"none" precision +0\.\d{3}/);
  });

  it('prints the cross-validation and the development sets side by side, the same figures as --json', async () => {
    const { loadSeedData } = await import('../../../src/region/regionPack.js');
    const { toTrainingData, trainMatcher } = await import('../../../src/matching/index.js');
    const pack = loadSeedData(smallShippedPack());
    const text = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2'], text)).toBe(0);
    const json = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2', '--json'], json)).toBe(0);
    expect(json.out).toHaveLength(1);
    interface Metrics {
      precision: number;
      recall: number;
      f1: number;
      support: number;
    }
    interface Report {
      count: number;
      hitAt1: number;
      macroF1: number;
      macroF1BothAreas: number;
      abstention: { precision: number; recall: number };
      perClass: Record<string, Metrics>;
    }
    const {
      crossValidation: cv,
      crossValidationWritten: written,
      crossValidationReal: real,
      development,
      ...rest
    } = JSON.parse(json.out[0]!) as {
      crossValidation: Report;
      crossValidationWritten: Report;
      crossValidationReal: Report;
      development: (Report & { file: string; title: string })[];
    };
    expect(rest).toEqual({}); // no frozen test set without --frozen-test
    // The development sets, each scored if it exists; the out-of-style set first.
    expect(development.map((d) => d.file)).toEqual(DEVELOPMENT_SETS.filter((f) => existsSync(f)).map((f) => path.join(...f.split('/'))));
    const heldOut = development[0]!;
    expect(heldOut.file).toBe(path.join('test', 'fixtures', 'matching', 'public-needs.jsonl'));
    expect(heldOut.count).toBe(150);
    // The written needs and the real passages of the corpus, cross-validated together and reported apart.
    expect(cv.count).toBe(pack.labelledNeeds.length + pack.corpus.length);
    expect([written.count, real.count]).toEqual([pack.labelledNeeds.length, pack.corpus.length]);
    // Scored by the model of exactly the pack's training data: the version is a hash of it.
    const version = trainMatcher(toTrainingData(pack)).version;
    for (const set of development) expect(set.title).toContain(`model ${version} trained on the region pack of Region Östergötland`);

    const lines = text.out;
    expect(lines[0]).toMatch(/^2-fold cross-validation on \d+ labelled needs/);
    expect(lines[1]).toMatch(/^development set test\/fixtures\/matching\/public-needs\.jsonl: 150 needs/);
    expect(lines.slice(1, 1 + development.length)).toEqual(development.map((d) => d.title));
    const row = (label: string): string[] => {
      const line = lines.find((l) => l.startsWith(`  ${label} `));
      expect(line, label).toBeDefined();
      return line!
        .slice(2 + label.length)
        .trim()
        .split(/\s+/);
    };
    expect(lines.find((l) => l.includes('cross-validation') && l.includes('public-needs.jsonl'))).toBeDefined();
    const f3 = (x: number): string => x.toFixed(3);
    const reports = [cv, written, real, ...development];
    expect(row('needs')).toEqual(reports.map((r) => String(r.count)));
    expect(row('hit@1')).toEqual(reports.map((r) => f3(r.hitAt1)));
    expect(row('macro-F1')).toEqual(reports.map((r) => f3(r.macroF1)));
    expect(row('macro-F1 2 areas')).toEqual(reports.map((r) => f3(r.macroF1BothAreas)));
    expect(row('"none" precision')).toEqual(reports.map((r) => f3(r.abstention.precision)));
    expect(row('"none" recall')).toEqual(reports.map((r) => f3(r.abstention.recall)));
    for (const c of [...SHIPPED_SLUGS, 'none']) {
      const cells = (m: Metrics): string[] => [f3(m.precision), f3(m.recall), f3(m.f1), String(m.support)];
      expect(row(c)).toEqual(reports.flatMap((r) => cells(r.perClass[c]!)));
    }
    expect(lines.filter((l) => l.startsWith('  confusion, '))).toEqual([
      expect.stringContaining('cross-validation'),
      expect.stringContaining('CV written'),
      expect.stringContaining('CV real'),
      ...development.map((d) => expect.stringContaining(path.basename(d.file)) as unknown),
    ]);
    // After the table, the anchor's block: its figures or that none are recorded, one line per set.
    const anchorAt = lines.findIndex((l) => l.startsWith('  anchor (scripts/anchor.py'));
    expect(anchorAt).toBeGreaterThan(lines.findIndex((l) => l.startsWith('  macro-F1 ')));
    expect(anchorAt).toBeLessThan(lines.findIndex((l) => l.startsWith('  confusion, ')));
  });

  it('scores another held-out file with --holdout F, and none with --holdout none', async () => {
    const file = [
      JSON.stringify({ id: '1', text: 'bygglogistik vid nya resecentrum', areas: ['logistik'] }),
      // A clear "none" need for the small pack's model (its four-word form sits at the edge: tfidf-lr-17's seed gives it an area).
      JSON.stringify({ id: '2', text: 'Vi har svårt att rekrytera lärare till skolan.', areas: [] }),
    ].join('\n');
    const other = fakeIo({ 'mine.jsonl': file, 'two.jsonl': file.split('\n')[0]! });
    expect(await run(['eval', ...smallPack(), '--folds', '2', '--holdout', 'mine.jsonl', '--holdout', 'two.jsonl', '--json'], other)).toBe(0);
    const report = JSON.parse(other.out[0]!) as { development: { file: string; count: number; hitAt1: number }[] };
    expect(report.development).toMatchObject([
      { file: 'mine.jsonl', count: 2, hitAt1: 1 },
      { file: 'two.jsonl', count: 1, hitAt1: 1 },
    ]);
    const none = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2', '--holdout', 'none'], none)).toBe(0);
    expect(none.out.join('\n')).not.toContain('public-needs');
    expect(none.out.join('\n')).not.toContain('anchor');
    expect(none.out.filter((l) => l.startsWith('  confusion, '))).toHaveLength(3); // cross-validation, and its written and real parts
    expect(await run(['eval', '--seed-only', '--holdout', 'none', '--holdout', 'mine.jsonl'], fakeIo({ 'mine.jsonl': file }))).toBe(2);
  });

  it("shows the anchor's recorded figures for the sets whose bytes they were measured on, and says which have none", async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const sha = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');
    const file = [
      JSON.stringify({ id: '1', text: 'bygglogistik vid nya resecentrum', areas: ['logistik'] }),
      JSON.stringify({ id: '2', text: 'vi har svårt att rekrytera lärare', areas: [] }),
    ].join('\n');
    const files = { 'mine.jsonl': file, 'other.jsonl': file.split('\n')[0]! };
    const training = 'regions/ostergotland/needs-train.jsonl';
    const figures = (trainSha: string) => ({
      anchor: 'char_wb 3-5 TF-IDF + logistic regression (C=10.0, balanced)',
      train: [{ path: training, sha256: trainSha }],
      results: [
        {
          file: 'elsewhere/mine.jsonl', // matched by its bytes, wherever it was
          sha256: sha(file),
          count: 2,
          macroF1: 0.5,
          hitAt1: 0.75,
          noneP: 1,
          noneR: 0.25,
          perClass: { logistik: { precision: 1, recall: 1, f1: 1 } },
        },
      ],
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'anchor-'));
    const current = path.join(dir, 'current.json');
    writeFileSync(current, JSON.stringify(figures(sha(readFileSync(path.join(root, training))))));
    const args = ['eval', ...smallPack(), '--folds', '2', '--holdout', 'mine.jsonl', '--holdout', 'other.jsonl'];

    const json = fakeIo(files);
    expect(await run([...args, '--anchor-figures', current, '--json'], json)).toBe(0);
    const { development } = JSON.parse(json.out[0]!) as { development: { file: string; anchor?: unknown }[] };
    expect(development[0]!.anchor).toEqual({ macroF1: 0.5, hitAt1: 0.75, noneP: 1, noneR: 0.25, stale: false });
    expect(development[1]).not.toHaveProperty('anchor');

    // With the anchor's prediction for each text recorded (logistik for both: macro-F1 0.667 / 6 classes), the
    // matcher's predictions on the same texts are compared with them: the difference and its interval.
    const predicted = figures(sha(readFileSync(path.join(root, training))));
    const withPredictions = { ...predicted, results: predicted.results.map((r) => ({ ...r, macroF1: 1 / 9, predictions: ['logistik', 'logistik'] })) };
    const compared = path.join(dir, 'compared.json');
    writeFileSync(compared, JSON.stringify(withPredictions));
    const both = fakeIo(files);
    expect(await run([...args, '--anchor-figures', compared, '--json'], both)).toBe(0);
    const [mine] = (
      JSON.parse(both.out[0]!) as { development: { macroF1: number; anchor?: { difference?: { difference: number; low: number; high: number } } }[] }
    ).development;
    expect(mine!.anchor!.difference!.difference).toBeCloseTo(mine!.macroF1 - 1 / 9, 6);
    expect(mine!.anchor!.difference!.low).toBeLessThanOrEqual(mine!.anchor!.difference!.high);

    const stale = path.join(dir, 'stale.json');
    writeFileSync(stale, JSON.stringify(figures('0'.repeat(64))));
    const text = fakeIo(files);
    expect(await run([...args, '--anchor-figures', stale], text)).toBe(0);
    const at = text.out.findIndex((l) => l.startsWith('  anchor (scripts/anchor.py: char_wb 3-5 TF-IDF'));
    expect(text.out.slice(at, at + 4)).toEqual([
      '  anchor (scripts/anchor.py: char_wb 3-5 TF-IDF + logistic regression (C=10.0, balanced)), same files:',
      '  (recorded against other training files; rerun scripts/anchor.py --record)',
      '    mine.jsonl: macro-F1 0.500, hit@1 0.750, "none" P 1.000 / R 0.250',
      '    no anchor figures recorded for other.jsonl',
    ]);

    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"anchor": "x", "results": []}');
    const ignored = fakeIo(files);
    expect(await run([...args, '--anchor-figures', broken, '--json'], ignored)).toBe(0);
    expect(ignored.err.filter((l) => l.startsWith(`ignoring the anchor figures in ${broken}`))).toHaveLength(1);
    expect(JSON.parse(ignored.out[0]!)).toMatchObject({ development: [{ file: 'mine.jsonl' }, { file: 'other.jsonl' }] });
  });

  it('--cold withholds the labelled needs: the pack alone beside the similarity baseline, and the learning curve as corrections come in', async () => {
    // The English test pack with 30 labelled needs to withhold and draw corrections from.
    const dir = mkdtempSync(path.join(tmpdir(), 'cold-pack-'));
    cpSync(fileURLToPath(new URL('../../fixtures/regions/english', import.meta.url)), dir, { recursive: true });
    const topics: Record<string, string[]> = {
      'clean-energy': ['heat pumps for the library', 'solar panels on the depot roof', 'insulation of the old school'],
      'digital-health': ['sensors that tell when a resident falls', 'an app for the home care staff', 'telecare alarms for people living alone'],
      'agri-food': ['fewer lorries delivering to the schools', 'cold storage shared by local growers', 'less food waste from school meals'],
    };
    const needs = Object.entries(topics).flatMap(([area, texts]) =>
      Array.from({ length: 10 }, (_, i) => ({ id: `${area}-${i}`, text: `${texts[i % 3]!} in ward ${i}`, areas: [area] })),
    );
    writeFileSync(path.join(dir, 'needs-train.jsonl'), needs.map((n) => JSON.stringify(n)).join('\n'));
    const holdout = [
      { id: 'h1', text: 'The council wants heat pumps and solar panels to cut the heating bills of its buildings.', areas: ['clean-energy'] },
      { id: 'h2', text: 'Care workers need sensors and alarms so older people can live safely at home.', areas: ['digital-health'] },
      { id: 'h3', text: 'Growers need a shared cold store and fewer deliveries by lorry.', areas: ['agri-food'] },
      { id: 'h4', text: 'The library will open on Sundays from next month.', areas: ['none'] },
    ];
    const files = { 'hold.jsonl': holdout.map((n) => JSON.stringify(n)).join('\n') };
    const json = fakeIo(files);
    expect(await run(['eval', '--cold', '--seed-only', '--seed-dir', dir, '--holdout', 'hold.jsonl', '--json'], json)).toBe(0);
    const report = JSON.parse(json.out[0]!) as { baseline: { count: number }; curve: { corrections: number; report: { count: number } }[] };
    expect(report.baseline.count).toBe(4);
    expect(report.curve.map((p) => [p.corrections, p.report.count])).toEqual([
      [0, 4],
      [25, 4],
    ]); // 50 and 100 need more withheld needs than 30
    expect(json.err[0]).toBe('cold start on Fenland Test Region: 30 labelled needs withheld; scoring 4 passages from hold.jsonl…');

    const text = fakeIo(files);
    expect(await run(['eval', '--cold', '--seed-only', '--seed-dir', dir, '--holdout', 'hold.jsonl'], text)).toBe(0);
    expect(
      text.out
        .find((l) => l.trim().startsWith('baseline'))
        ?.trim()
        .split(/\s+/),
    ).toEqual(['baseline', 'cold', '+25']);
    expect(
      text.out
        .find((l) => l.trim().startsWith('macro-F1'))
        ?.trim()
        .split(/\s+/),
    ).toHaveLength(4);
    expect(await run(['eval', '--cold', '--seed-only', '--holdout', 'none'], fakeIo())).toBe(2); // nothing to score

    // --curve: other steps, each checked before anything trains.
    const stepped = fakeIo(files);
    expect(await run(['eval', '--cold', '--seed-only', '--seed-dir', dir, '--holdout', 'hold.jsonl', '--curve', '10,20', '--json'], stepped)).toBe(0);
    expect((JSON.parse(stepped.out[0]!) as typeof report).curve.map((p) => p.corrections)).toEqual([0, 10, 20]);
    for (const [steps, message] of [
      ['20,10', /ascending/],
      ['0', /ascending/],
      ['ten', /numbers of corrections/],
    ] as const) {
      const bad = fakeIo(files);
      expect(await run(['eval', '--cold', '--seed-only', '--seed-dir', dir, '--holdout', 'hold.jsonl', '--curve', steps], bad)).toBe(2);
      expect(bad.err.join('\n')).toMatch(message);
      expect(bad.out).toEqual([]);
    }
    const notCold = fakeIo(files);
    expect(await run(['eval', '--seed-only', '--seed-dir', dir, '--curve', '10'], notCold)).toBe(2);
    expect(notCold.err.join('\n')).toMatch(/--curve is the learning curve of --cold/);
  });

  it('scores the frozen test set only when asked, labelled as such', async () => {
    const io = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2', '--holdout', 'none', '--frozen-test', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out[0]!) as { development: unknown[]; frozenTest: { title: string; file: string; count: number }[] };
    expect(report.development).toEqual([]);
    // Only names and counts are read here: the frozen sets' figures are for a final model.
    const files = FROZEN_TEST_SETS.filter((f) => existsSync(f)).map((f) => path.join(...f.split('/')));
    expect(report.frozenTest.map((t) => t.file)).toEqual(files);
    for (const t of report.frozenTest)
      expect(t.title.startsWith(`FROZEN TEST SET ${t.file.split(path.sep).join('/')}: ${t.count} needs, model tfidf-lr-`)).toBe(true);
    const realTest = report.frozenTest.find((t) => path.basename(t.file) === 'real-test.jsonl');
    expect(realTest?.count).toBe(167);
    expect(realTest?.title.startsWith(`FROZEN TEST SET test/fixtures/matching/real-test.jsonl: 167 needs, model ${ALGORITHM_VERSION}-`)).toBe(true);
    const without = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2', '--holdout', 'none', '--json'], without)).toBe(0);
    expect(JSON.parse(without.out[0]!)).not.toHaveProperty('frozenTest');
  });

  it("cross-validates only the needs of an id prefix with --cv-ids, the others in every fold's training", async () => {
    const { loadSeedData } = await import('../../../src/region/regionPack.js');
    const pack = loadSeedData(smallShippedPack());
    const needs = pack.labelledNeeds;
    const original = needs.filter((n) => n.id.startsWith('tr-')).length;
    expect(original).toBeGreaterThan(0);
    expect(original).toBeLessThan(needs.length);
    const io = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2', '--cv-ids', 'tr-', '--holdout', 'none', '--json'], io)).toBe(0);
    const { crossValidation } = JSON.parse(io.out[0]!) as { crossValidation: { count: number; title: string } };
    expect(crossValidation.count).toBe(original);
    const corpus = pack.corpus.length;
    expect(crossValidation.title).toContain(`(ids tr-…; the other ${needs.length - original + corpus} in every fold's training)`);
    const unknown = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2', '--cv-ids', 'zz-', '--holdout', 'none'], unknown)).toBe(2);
  });

  it('validates --folds', async () => {
    const io = fakeIo();
    expect(await run(['eval', '--folds', 'x'], io)).toBe(2);
  });
});

describe('as a process', { timeout: 180_000 }, () => {
  it('runs `tsx src/cli/index.ts classify --jsonl` end to end', async () => {
    const { execFile } = await import('node:child_process');
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-'));
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'p', text: 'drönarbilder av skogen' })}\nnot json\n`);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/index.ts', 'classify', '--seed-only', '--jsonl', file],
        { cwd: path.resolve(import.meta.dirname, '../../..') },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 'p', abstain: false });
    expect(result.stderr).toContain('line 2: not valid JSON');
  });
});

describe('eval --repeats', { timeout: 180_000 }, () => {
  it('pools repeated cross-validation and prints macro-F1 per repeat', async () => {
    const io = fakeIo();
    expect(await run(['eval', ...smallPack(), '--folds', '2', '--repeats', '2'], io)).toBe(0);
    expect(io.err.filter((l) => l.startsWith('repeat '))).toHaveLength(4);
    expect(io.out.join('\n')).toMatch(/macro-F1 per repeat: 0\.\d{3} 0\.\d{3} {3}mean 0\.\d{3}, sd 0\.\d{3}/);
  });
});

describe('--help', () => {
  it('every command answers --help and -h with its own usage and exit 0, before reading anything', async () => {
    const listing = fakeIo();
    expect(await run(['--help'], listing)).toBe(0);
    const names = listing.err.flatMap((line) => /^ {2}([a-z]+) /.exec(line)?.slice(1) ?? []);
    expect(names).toEqual(expect.arrayContaining(['classify', 'eval', 'summary', 'doctor', 'import', 'export', 'outbox', 'person', 'need']));
    for (const name of names) {
      for (const flag of ['--help', '-h']) {
        const io = fakeIo();
        expect(await run([name, flag], io), `${name} ${flag}`).toBe(0);
        expect(io.out[0], `${name} ${flag}`).toMatch(new RegExp(`^usage: npm run cli -- ${name}\\b`));
        expect(io.err, `${name} ${flag}`).toEqual([]);
      }
    }
  });

  it('wins over the other arguments of eval, summary and classify', async () => {
    for (const argv of [
      ['eval', '--folds', '1', '--help'],
      ['summary', '--post', '--dry-run', '--help'],
      ['classify', '--jsonl', 'missing.jsonl', '-h'],
    ]) {
      const io = fakeIo();
      expect(await run(argv, io), argv.join(' ')).toBe(0);
      expect(io.out[0]).toMatch(/^usage: /);
      expect(io.err).toEqual([]);
    }
  });
});
