import { describe, expect, it } from 'vitest';
import { bestCostThreshold, bestF1Threshold, confusion, ece, errorRates, prAuc, prf, rocAuc } from './metrics.ts';

const labels = [0, 0, 1, 0, 1, 1, 0, 1];
const perfect = labels.map((l, i) => l + i / 100);
const reversed = perfect.map((s) => -s);

describe('ranking metrics', () => {
  it('gives 1 to a perfect ranking and 0 to a reversed one; 0.5 when all scores tie', () => {
    expect(rocAuc(perfect, labels)).toBe(1);
    expect(rocAuc(reversed, labels)).toBe(0);
    expect(
      rocAuc(
        labels.map(() => 0.3),
        labels,
      ),
    ).toBe(0.5);
    expect(prAuc(perfect, labels)).toBe(1);
    expect(
      prAuc(
        labels.map(() => 0.3),
        labels,
      ),
    ).toBe(0.5);
  });

  it('matches the Mann-Whitney count on a mixed ranking', () => {
    const s = [0.1, 0.4, 0.35, 0.8];
    const l = [0, 0, 1, 1];
    // Pairs (pos, neg): (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) → 3 of 4.
    expect(rocAuc(s, l)).toBe(0.75);
    // Ranked 0.8(+) 0.4(-) 0.35(+) 0.1(-): AP = (1 + 2/3) / 2.
    expect(prAuc(s, l)).toBeCloseTo((1 + 2 / 3) / 2, 12);
  });
});

describe('thresholds and errors', () => {
  it('confusion, precision, recall, F1, Type 1 and Type 2 at a threshold', () => {
    const c = confusion([0.9, 0.6, 0.4, 0.2], [1, 0, 1, 0], 0.5);
    expect(c).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(prf(c)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(errorRates(c)).toEqual({ type1: 0.5, type2: 0.5 });
  });

  it('F1 picks the threshold that separates a perfect ranking; a high cost of misses lowers the threshold', () => {
    expect(bestF1Threshold(perfect, labels)).toBe(Math.min(...perfect.filter((_, i) => labels[i])));
    const s = [0.9, 0.7, 0.5, 0.3, 0.1];
    const l = [1, 0, 0, 1, 0];
    expect(bestCostThreshold(s, l, 1)).toBe(0.9);
    expect(bestCostThreshold(s, l, 10)).toBe(0.3);
  });
});

describe('ece', () => {
  it('is 0 for a calibrated set and the gap for a constant wrong risk', () => {
    const probs = [...Array(10).fill(0.25), ...Array(10).fill(0.75)];
    const l = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
    // Bin 0.2-0.3 has 2/10 failures at 0.25; bin 0.7-0.8 has 8/10 at 0.75: gaps 0.05 each.
    expect(ece(probs, l)).toBeCloseTo(0.05, 12);
    const cal = [...Array(4).fill(0.25), ...Array(4).fill(0.75)];
    expect(ece(cal, [1, 0, 0, 0, 1, 1, 1, 0])).toBeCloseTo(0, 12);
    expect(ece(Array(4).fill(0.9), [0, 0, 0, 0])).toBeCloseTo(0.9, 12);
  });
});
