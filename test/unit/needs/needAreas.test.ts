// A need's current areas (src/needs/needAreas.ts): slugs are whatever a region pack names its areas
// (lowercase ASCII joined by "-"); a correction is stored in the region's order, so the same choice
// is the same text whatever order it was made in.
import { describe, expect, it } from 'vitest';
import { currentAreas, formatCorrectedAreas, isAreaSlug, parseCorrectedAreas } from '../../../src/needs/needAreas.js';
import { SHIPPED_SLUGS } from '../../support/shippedMatcher.js';

describe('isAreaSlug', () => {
  it('accepts the slugs of any region pack', () => {
    for (const slug of [...SHIPPED_SLUGS, 'skog-tra', 'smart-industri', 'e-commerce', 'area2']) expect(isAreaSlug(slug), slug).toBe(true);
  });

  it('refuses what no pack can name an area', () => {
    for (const slug of ['', 'Logistik', 'skog_tra', 'skog tra', ' logistik', '-x', 'x-', 'a--b', 'trä', '2area', 'none,logistik']) {
      expect(isAreaSlug(slug), JSON.stringify(slug)).toBe(false);
    }
  });
});

describe('formatCorrectedAreas', () => {
  it('stores a choice in the region’s order, each area once', () => {
    expect(formatCorrectedAreas(['material', 'visualisering', 'material'], SHIPPED_SLUGS)).toBe('visualisering,material');
    expect(formatCorrectedAreas(['material', 'visualisering'], [...SHIPPED_SLUGS].reverse())).toBe('material,visualisering');
    expect(formatCorrectedAreas(['livsmedel', 'skog-tra'], ['smart-industri', 'skog-tra', 'livsmedel'])).toBe('skog-tra,livsmedel');
    expect(formatCorrectedAreas([], SHIPPED_SLUGS)).toBe('');
  });

  it('puts an area the region does not list (retired) last, in a fixed order', () => {
    expect(formatCorrectedAreas(['rymd', 'logistik', 'akustik'], SHIPPED_SLUGS)).toBe('logistik,akustik,rymd');
  });

  it('reads back what it stored', () => {
    const stored = formatCorrectedAreas(['logistik', 'uppkopplade'], SHIPPED_SLUGS);
    expect(parseCorrectedAreas(stored)).toEqual(['uppkopplade', 'logistik']);
    expect(parseCorrectedAreas('')).toEqual([]); // corrected to "no area"
    expect(parseCorrectedAreas(null)).toBeNull(); // never corrected
  });
});

describe('currentAreas', () => {
  it('is the correction when there is one, else the suggestion; malformed slugs dropped', () => {
    expect(currentAreas(['logistik'], null)).toEqual(['logistik']);
    expect(currentAreas(['logistik'], 'material')).toEqual(['material']);
    expect(currentAreas(['logistik'], '')).toEqual([]);
    expect(currentAreas(['logistik', 'Bad Slug'], null)).toEqual(['logistik']);
  });
});
