// Platt scaling: p = σ(a·z + b) on a linear model's raw score z, fitted on out-of-fold scores
// so that a displayed 0.7 means about 70 % of such suggestions are right. One (a, b) is
// shared by the five areas (so calibration never reorders areas within a need) and one is
// fitted for "none". Newton's method on the log-loss with Platt's smoothed targets.
import { sigmoid } from './logistic.js';

export interface Platt {
  a: number;
  b: number;
}

export const IDENTITY: Platt = { a: 1, b: 0 };

export interface Calibration {
  areas: Platt;
  none: Platt;
}

/** Fits (a, b) to scores and 0/1 targets; falls back to the identity when there is too little to learn from. */
export function fitPlatt(scores: readonly number[], targets: readonly number[], minimumPerClass = 5): Platt {
  const positives = targets.filter((t) => t === 1).length;
  const negatives = targets.length - positives;
  if (positives < minimumPerClass || negatives < minimumPerClass) return IDENTITY;
  // Platt (1999): targets pulled off 0 and 1 so a separable set does not run to infinity.
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-9;
    let hAB = 0;
    let hBB = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const z = scores[i] ?? 0;
      const t = targets[i] === 1 ? high : low;
      const p = sigmoid(a * z + b);
      const d = p - t;
      const w = p * (1 - p);
      gA += d * z;
      gB += d;
      hAA += w * z * z;
      hAB += w * z;
      hBB += w;
    }
    const determinant = hAA * hBB - hAB * hAB;
    if (Math.abs(determinant) < 1e-12) break;
    const stepA = (hBB * gA - hAB * gB) / determinant;
    const stepB = (hAA * gB - hAB * gA) / determinant;
    a -= stepA;
    b -= stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-9) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) && a > 0 ? { a, b } : IDENTITY;
}

export function applyPlatt(platt: Platt, score: number): number {
  return sigmoid(platt.a * score + platt.b);
}
