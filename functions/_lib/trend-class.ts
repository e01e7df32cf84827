// Smoothing before the fit, and the trend class after it. The numeric rules are documented in docs/alerts.md.
import type { Sample } from './trend.ts';

export type Smoothing = { kind: 'none' } | { kind: 'ema'; alpha: number } | { kind: 'sma'; points: number };

export type TrendClass =
  | 'stable'
  | 'growing_linear'
  | 'declining_linear'
  | 'growing_accelerating'
  | 'growing_decelerating'
  | 'declining_accelerating'
  | 'declining_decelerating';

/** Exponential (alpha in (0, 1]) or simple moving average (trailing window of N points). */
export function smooth(samples: Sample[], s: Smoothing): Sample[] {
  if (s.kind === 'none' || samples.length === 0) return samples;
  if (s.kind === 'ema') {
    let acc = samples[0]!.v;
    return samples.map((p) => ({ t: p.t, v: (acc = s.alpha * p.v + (1 - s.alpha) * acc) }));
  }
  const out: Sample[] = [];
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    sum += samples[i]!.v;
    if (i >= s.points) sum -= samples[i - s.points]!.v;
    out.push({ t: samples[i]!.t, v: sum / Math.min(i + 1, s.points) });
  }
  return out;
}

/** Thresholds of the classification, as fractions; see docs/alerts.md. */
export const CLASS_RULES = {
  /** Stable when the fitted change over the window is at most this share of the series' level (or range). */
  stableShare: 0.01,
  /** Linear when the curvature's part of the change over the window is at most this share of the slope's part. */
  curvatureShare: 0.1,
};

/**
 * Classifies a fit: `rate` per hour and `accel` per hour² at the last sample, over a window of `hours`,
 * for a series whose level (largest absolute value, or its range when that is larger) is `scale`.
 */
export function classifyTrend(rate: number, accel: number, hours: number, scale: number): TrendClass {
  const slopePart = Math.abs(rate) * hours;
  const curvePart = (Math.abs(accel) * hours * hours) / 2;
  const level = Math.max(Math.abs(scale), Number.EPSILON);
  if (slopePart + curvePart <= CLASS_RULES.stableShare * level) return 'stable';
  const growing = rate > 0 || (rate === 0 && accel > 0);
  if (curvePart <= CLASS_RULES.curvatureShare * slopePart) return growing ? 'growing_linear' : 'declining_linear';
  if (growing) return accel > 0 ? 'growing_accelerating' : 'growing_decelerating';
  return accel < 0 ? 'declining_accelerating' : 'declining_decelerating';
}

/** The level used by classifyTrend: max |v|, or the range when the series swings more than its level. */
export function seriesScale(samples: Sample[]): number {
  let max = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of samples) {
    max = Math.max(max, Math.abs(s.v));
    lo = Math.min(lo, s.v);
    hi = Math.max(hi, s.v);
  }
  return Math.max(max, hi - lo);
}

export function parseSmoothing(spec: string): Smoothing | undefined {
  if (spec === 'none') return { kind: 'none' };
  const m = /^(ema|sma):([\d.]+)$/.exec(spec);
  if (!m) return undefined;
  const n = Number(m[2]);
  if (m[1] === 'ema') return n > 0 && n <= 1 ? { kind: 'ema', alpha: n } : undefined;
  return Number.isInteger(n) && n >= 1 ? { kind: 'sma', points: n } : undefined;
}
