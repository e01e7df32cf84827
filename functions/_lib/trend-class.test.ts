import { describe, expect, it } from 'vitest';
import { analyseTrend } from './trend.ts';
import { classifyTrend, parseSmoothing, seriesScale, smooth } from './trend-class.ts';

const H = 3_600_000;
const series = (f: (h: number) => number, n = 13) => Array.from({ length: n }, (_, i) => ({ t: i * H, v: f(i) }));
const classOf = (f: (h: number) => number) => {
  const s = series(f);
  const r = analyseTrend(s, 1e12)!;
  return classifyTrend(r.ratePerHour, r.accelPerHour2, 12, seriesScale(s));
};

describe('trend classes', () => {
  it('names each of the seven shapes', () => {
    expect(classOf(() => 500)).toBe('stable');
    expect(classOf((h) => 500 + 0.001 * h)).toBe('stable');
    expect(classOf((h) => 100 + 10 * h)).toBe('growing_linear');
    expect(classOf((h) => 500 - 10 * h)).toBe('declining_linear');
    expect(classOf((h) => 100 + 2 * h * h)).toBe('growing_accelerating');
    expect(classOf((h) => 100 + 60 * h - 2 * h * h)).toBe('growing_decelerating'); // still rising at h = 12
    expect(classOf((h) => 1000 - 2 * h * h)).toBe('declining_accelerating');
    expect(classOf((h) => 1000 - 60 * h + 2 * h * h)).toBe('declining_decelerating');
  });
});

describe('smoothing', () => {
  const s = [1, 2, 3, 4, 100].map((v, i) => ({ t: i, v }));
  it('averages the last N points', () => {
    expect(smooth(s, { kind: 'sma', points: 2 }).map((p) => p.v)).toEqual([1, 1.5, 2.5, 3.5, 52]);
  });
  it('weights recent points by alpha', () => {
    expect(smooth(s, { kind: 'ema', alpha: 0.5 }).map((p) => p.v)).toEqual([1, 1.5, 2.25, 3.125, 51.5625]);
    expect(smooth(s, { kind: 'none' })).toBe(s);
  });
  it('parses specs and rejects bad ones', () => {
    expect(parseSmoothing('ema:0.3')).toEqual({ kind: 'ema', alpha: 0.3 });
    expect(parseSmoothing('sma:5')).toEqual({ kind: 'sma', points: 5 });
    expect(parseSmoothing('ema:2')).toBeUndefined();
    expect(parseSmoothing('sma:0')).toBeUndefined();
    expect(parseSmoothing('median:3')).toBeUndefined();
  });
});
