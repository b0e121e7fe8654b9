import { describe, expect, it } from 'vitest';
import { trainingLabelsFor } from '../../../../src/needs/learningLabels.js';
import { feedbackKindOf } from '../../../../src/feedback/listeners.js';
import { readAreaChoice } from '../../../../src/feedback/listeners.js';

const SLUGS = ['visualisering', 'uppkopplade', 'miljonytta', 'logistik', 'material'];

describe('feedbackKindOf', () => {
  it('maps the four feedback emoji, with or without skin tone, and nothing else', () => {
    expect(feedbackKindOf('+1')).toBe('up');
    expect(feedbackKindOf('+1::skin-tone-4')).toBe('up');
    expect(feedbackKindOf('thumbsdown')).toBe('down');
    expect(feedbackKindOf('-1')).toBe('down');
    expect(feedbackKindOf('raising_hand::skin-tone-2')).toBe('claim');
    expect(feedbackKindOf('white_check_mark')).toBe('resolved');
    expect(feedbackKindOf('tada')).toBeNull();
    expect(feedbackKindOf('heart')).toBeNull();
  });
});

describe('trainingLabelsFor', () => {
  it('confirms the area of the channel where people said 👍 or claimed', () => {
    expect(trainingLabelsFor(['uppkopplade', 'logistik'], null, [{ kind: 'up', scope: ['uppkopplade'] }])).toEqual({
      positive: ['uppkopplade'],
      negative: [],
    });
    expect(trainingLabelsFor(['logistik'], null, [{ kind: 'claim', scope: ['logistik'] }])?.positive).toEqual(['logistik']);
  });

  it('treats 👎 in an area channel as evidence against that area only', () => {
    expect(trainingLabelsFor(['uppkopplade', 'logistik'], null, [{ kind: 'down', scope: ['logistik'] }])).toEqual({
      positive: [],
      negative: ['logistik'],
    });
  });

  it('lets confirmation win over a contradicting 👎 for the same area', () => {
    const labels = trainingLabelsFor(['logistik'], null, [
      { kind: 'down', scope: ['logistik'] },
      { kind: 'up', scope: ['logistik'] },
    ]);
    expect(labels).toEqual({ positive: ['logistik'], negative: [] });
  });

  it('learns nothing from 👍 in the all-areas channel, from intake, or from ✅', () => {
    expect(trainingLabelsFor(['logistik'], null, [{ kind: 'up', scope: 'all' }])).toBeNull();
    expect(trainingLabelsFor(['logistik'], null, [{ kind: 'down', scope: 'none' }])).toBeNull();
    expect(trainingLabelsFor(['logistik'], null, [{ kind: 'resolved', scope: ['logistik'] }])).toBeNull();
  });

  it('uses a claim in the all-areas channel as confirmation of the need’s areas', () => {
    expect(trainingLabelsFor(['material', 'miljonytta'], null, [{ kind: 'claim', scope: 'all' }])?.positive).toEqual(['material', 'miljonytta']);
  });

  it('takes a recategorisation over all reactions; an empty one is a "none" example', () => {
    expect(trainingLabelsFor(['logistik'], ['material'], [{ kind: 'up', scope: ['logistik'] }])).toEqual({ positive: ['material'], negative: [] });
    expect(trainingLabelsFor(['logistik'], [], [{ kind: 'down', scope: ['logistik'] }])).toEqual({ positive: [], negative: [] });
  });
});

describe('readAreaChoice', () => {
  const state = (values: string[]) => ({ areas: { value: { type: 'checkboxes', selected_options: values.map((value) => ({ value })) } } });

  it('accepts areas or exactly "none"', () => {
    expect(readAreaChoice(state(['logistik', 'material']), SLUGS)).toEqual({ ok: true, areas: ['logistik', 'material'] });
    expect(readAreaChoice(state(['none']), SLUGS)).toEqual({ ok: true, areas: [] });
  });

  it('refuses nothing chosen, "none" with areas, unknown slugs and garbage', () => {
    expect(readAreaChoice(state([]), SLUGS)).toEqual({ ok: false, error: 'empty' });
    expect(readAreaChoice(state(['none', 'logistik']), SLUGS)).toEqual({ ok: false, error: 'noneWithAreas' });
    expect(readAreaChoice(state(['rymd']), SLUGS)).toEqual({ ok: false, error: 'tampered' });
    expect(readAreaChoice({ nope: 1 }, SLUGS)).toEqual({ ok: false, error: 'tampered' });
  });
});
