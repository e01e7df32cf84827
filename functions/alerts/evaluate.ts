// The verdict of one rule on one series: pure, so every corner (gaps, NaN, flapping, skew) is testable.
import type { AbsentRule, DerivativeRule, Rule, ThresholdRule } from '../_lib/config-parts/rules.ts';
import type { Severity } from '../_lib/config.ts';
import { type Explanation, explain } from '../_lib/explain.ts';
import { parseSmoothing } from '../_lib/trend-class.ts';
import type { Sample } from '../_lib/trend.ts';
import type { RuleSeries } from './series.ts';

export type Verdict =
  | { state: 'unknown'; reason: string }
  | { state: 'ok'; value: number; details: Details }
  | { state: 'firing'; severity: Severity; value: number; limit: number; details: Details };
export type Details = Record<string, number | string | null>;

const ORDER: Severity[] = ['critical', 'warning', 'info'];
type Op = '>' | '>=' | '<' | '<=';
const holds = (v: number, op: Op, x: number) =>
  op === '>' ? v > x : op === '>=' ? v >= x : op === '<' ? v < x : v <= x;

/** The most severe level whose condition holds for every value, or undefined. */
function worstLevel(
  values: number[],
  op: Op,
  levels: Partial<Record<Severity, number>>,
): { severity: Severity; limit: number } | undefined {
  for (const severity of ORDER) {
    const limit = levels[severity];
    if (limit !== undefined && values.length > 0 && values.every((v) => holds(v, op, limit)))
      return { severity, limit };
  }
  return undefined;
}

export function evaluateThreshold(rule: ThresholdRule, s: RuleSeries, now: number): Verdict {
  const last = s.samples.at(-1);
  if (!last) return { state: 'unknown', reason: 'no samples in the window' };
  // `for`: every sample of the last `for` must hold, and the samples must reach back that far.
  const from = now - rule.for;
  const held = rule.for > 0 ? s.samples.filter((p) => p.t >= from) : [last];
  if (rule.for > 0 && s.samples[0]!.t > from) {
    const w = worstLevel(
      held.map((p) => p.v),
      rule.op,
      rule.levels,
    );
    if (w) return { state: 'unknown', reason: `condition holds, but for less than ${rule.for / 1000}s so far` };
  }
  const w = worstLevel(
    held.map((p) => p.v),
    rule.op,
    rule.levels,
  );
  const details = { samples: s.samples.length };
  return w ? { state: 'firing', ...w, value: last.v, details } : { state: 'ok', value: last.v, details };
}

/** `sinceLastH`: hours from the last sample to now, so a projection counts from now, not from the sample. */
function metricValue(rule: DerivativeRule, e: Explanation, sinceLastH: number): number | null {
  const k = rule.per === 'day' ? 24 : 1;
  if (rule.metric === 'rate') return e.rate_per_hour * k;
  if (rule.metric === 'accel') return e.accel_per_hour2 * k * k;
  if (rule.metric === 'value') return e.smoothed;
  if (rule.metric === 'hours_to_limit') {
    const fromNow = (h: number | null) => (h === null ? null : Math.max(0, h - sinceLastH));
    const l = fromNow(e.hours_to_limit_linear);
    const q = fromNow(e.hours_to_limit_quadratic);
    if (rule.projection === 'linear') return l;
    if (rule.projection === 'quadratic') return e.samples >= 3 ? q : l;
    return l === null ? q : q === null ? l : Math.min(l, q);
  }
  return null;
}

/** Check points across `for` (sustained): now and four earlier instants, each fitted on the samples up to it. */
function checkPoints(samples: Sample[], now: number, forMs: number): Array<{ at: number; samples: Sample[] }> {
  if (forMs <= 0) return [{ at: now, samples }];
  return [0, 0.25, 0.5, 0.75, 1].map((f) => ({
    at: now - f * forMs,
    samples: samples.filter((p) => p.t <= now - f * forMs),
  }));
}

export function evaluateDerivative(rule: DerivativeRule, s: RuleSeries, now: number): Verdict {
  const limit = typeof rule.limit === 'number' ? rule.limit : s.limitValue;
  if (rule.metric === 'hours_to_limit' && (limit === undefined || !Number.isFinite(limit)))
    return { state: 'unknown', reason: `no value for limit ${String(rule.limit)}` };
  // A limit read from a field that is 0 or less means "no limit" (repquota's 0 hard limit, say).
  if (typeof rule.limit === 'string' && limit !== undefined && limit <= 0)
    return { state: 'unknown', reason: 'no limit set' };
  const smoothing = parseSmoothing(rule.smoothing) ?? { kind: 'none' as const };
  const points = checkPoints(s.samples, now, rule.for);
  const fits = points.map((p) =>
    p.samples.length >= rule.min_samples ? explain(p.samples, limit ?? Number.POSITIVE_INFINITY, smoothing) : undefined,
  );
  const current = fits[0];
  if (!current || fits.some((f) => !f))
    return { state: 'unknown', reason: `fewer than ${rule.min_samples} samples at a check point` };
  const details: Details = { ...current, limit: limit ?? null };
  if (rule.metric === 'trend') {
    const value = current.rate_per_hour;
    if (fits.every((f) => rule.trend_in.includes(f!.trend)))
      return { state: 'firing', severity: rule.severity, value, limit: 0, details };
    return { state: 'ok', value, details };
  }
  const values = fits.map((f, i) => {
    const p = points[i]!;
    return metricValue(rule, f!, (p.at - (p.samples.at(-1)?.t ?? p.at)) / 3_600_000);
  });
  const value = values[0];
  if (value === null || value === undefined) return { state: 'ok', value: Number.NaN, details }; // never reaches the limit
  if (values.some((v) => v === null)) return { state: 'ok', value, details };
  const op = rule.op ?? (rule.metric === 'hours_to_limit' ? '<=' : '>=');
  // A projection only alarms while the series moves towards the limit.
  if (rule.metric === 'hours_to_limit' && current.rate_per_hour <= 0 && value > 0)
    return { state: 'ok', value, details };
  const w = worstLevel(values as number[], op, rule.levels ?? {});
  return w ? { state: 'firing', ...w, value, details } : { state: 'ok', value, details };
}

export function evaluateAbsent(rule: AbsentRule, s: RuleSeries, now: number): Verdict {
  const last = s.samples.at(-1);
  if (!last) return { state: 'unknown', reason: 'not seen in the lookback' };
  const silentMin = (now - last.t) / 60_000;
  const details = { last_seen: new Date(last.t).toISOString() };
  if (now - last.t >= rule.for)
    return { state: 'firing', severity: rule.severity, value: silentMin, limit: rule.for / 60_000, details };
  return { state: 'ok', value: silentMin, details };
}

export function evaluate(rule: Rule, s: RuleSeries, now: number): Verdict {
  if (rule.kind === 'threshold') return evaluateThreshold(rule, s, now);
  if (rule.kind === 'derivative') return evaluateDerivative(rule, s, now);
  return evaluateAbsent(rule, s, now);
}
