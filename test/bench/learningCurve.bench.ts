// Learning curve: how much do people's corrections lift the matcher? Hold out part of the
// labelled needs, start from a model trained on the area profiles plus a base share of the
// labelled needs, then let corrections (needs labelled through feedback, as the app stores them)
// arrive one by one, and score the held-out needs after 0, 10, 25 and 50 of them.
// Averaged over several shuffles, since one split of 230 needs is noisy. Three starting points: a
// cold start (area profiles only: a new installation), a warm one (30 % of the labelled needs),
// and the shipped model (all 230) meeting needs written in other styles (short, informal, no
// å/ä/ö, English: test/fixtures/matching/styled-needs*.jsonl), where corrections come from
// those styles too — the case the app is in once real people use it.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evaluate, predictionOf, toAreaProfiles, toLabelledExamples, trainMatcher } from '../../src/matching/index.js';
import { seededRandom, shuffled } from '../../src/matching/random.js';
import type { LabelledExample } from '../../src/matching/types.js';
import { readFileSync, readdirSync } from 'node:fs';
import { loadSeedData, parseLabelledNeeds } from '../../src/seed/seedFiles.js';

const CHECKPOINTS = [0, 10, 25, 50];
const SEEDS = [1, 2, 3, 4, 5];
/** Share of the labelled needs held out for scoring; the rest is the base and the stream. */
const TEST_SHARE = 0.3;
const SCENARIOS = [
  { name: 'cold start: area profiles only', baseShare: 0 },
  { name: 'warm: profiles + 30 % of the labelled needs', baseShare: 0.3 },
];

interface Point {
  corrections: number;
  hitAt1: number;
  macroF1: number;
  noneRecall: number;
  wrongBefore: number;
}

export async function main(): Promise<void> {
  const seed = loadSeedData();
  const areas = toAreaProfiles(seed.areas);
  const labelled = toLabelledExamples(seed.labelledNeeds);
  console.log(`labelled needs: ${labelled.length}; held-out ${Math.round(labelled.length * TEST_SHARE)} per shuffle; ${SEEDS.length} shuffles averaged`);
  const styledDir = fileURLToPath(new URL('../fixtures/matching/', import.meta.url));
  const styled = toLabelledExamples(
    readdirSync(styledDir)
      .filter((f) => f.startsWith('styled-needs') && f.endsWith('.jsonl'))
      .sort()
      .flatMap((f) => parseLabelledNeeds(readFileSync(styledDir + f, 'utf8'), f)),
  );
  const scenarios = [
    ...SCENARIOS.map((sc) => ({ ...sc, points: () => curve(areas, labelled, sc.baseShare) })),
    {
      name: `shipped model (all ${labelled.length}) meeting ${styled.length} needs in other styles: 40 held out, corrections from the rest`,
      points: () => curve(areas, styled, 0, labelled, 40),
    },
  ];
  for (const scenario of scenarios) {
    const points = scenario.points();
    console.log(`\n${scenario.name}`);
    console.log('corrections  hit@1   macro-F1  none recall  (of them wrong before)');
    for (const point of points) {
      console.log(
        `${String(point.corrections).padStart(11)}  ${point.hitAt1.toFixed(3)}   ${point.macroF1.toFixed(3)}     ${point.noneRecall.toFixed(3)}        ${point.wrongBefore.toFixed(1)}`,
      );
    }
    const first = points[0]!;
    const last = points.at(-1)!;
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
    console.log(`lift after ${last.corrections}: hit@1 ${signed(last.hitAt1 - first.hitAt1)}, macro-F1 ${signed(last.macroF1 - first.macroF1)}`);
  }
}

function curve(
  areas: ReturnType<typeof toAreaProfiles>,
  labelled: LabelledExample[],
  baseShare: number,
  fixedBase: LabelledExample[] = [],
  testSize?: number,
): Point[] {
  const sums = CHECKPOINTS.map((corrections) => ({ corrections, hitAt1: 0, macroF1: 0, noneRecall: 0, wrongBefore: 0 }));
  for (const s of SEEDS) {
    const order = shuffled(labelled, seededRandom(s));
    const testCount = testSize ?? Math.round(order.length * TEST_SHARE);
    const baseCount = Math.round(order.length * baseShare);
    const test = order.slice(0, testCount);
    const base = [...fixedBase, ...order.slice(testCount, testCount + baseCount)];
    const stream = order.slice(testCount + baseCount);
    if (stream.length < CHECKPOINTS.at(-1)!) throw new Error(`only ${stream.length} needs left for corrections`);

    let model = trainMatcher({ areas, examples: base });
    let wrong = 0;
    let added = 0;
    CHECKPOINTS.forEach((checkpoint, i) => {
      // Corrections since the last checkpoint; "wrong before" judged by the model of that checkpoint
      // (retraining after every single one would only cost time, not change the picture).
      for (; added < checkpoint; added++) {
        const next = stream[added]!;
        const predicted = predictionOf(next.areas, model.classify(next.text)).predicted;
        if ([...predicted].sort().join() !== [...next.areas].sort().join()) wrong++;
      }
      if (checkpoint > 0) model = trainMatcher({ areas, examples: [...base, ...stream.slice(0, checkpoint)] });
      const report = evaluate(test.map((example) => predictionOf(example.areas, model.classify(example.text))));
      const sum = sums[i]!;
      sum.hitAt1 += report.hitAt1 / SEEDS.length;
      sum.macroF1 += report.macroF1 / SEEDS.length;
      sum.noneRecall += report.perClass.none.recall / SEEDS.length;
      sum.wrongBefore += wrong / SEEDS.length;
    });
  }
  return sums;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
