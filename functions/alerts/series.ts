// Reads the series a rule looks at: one InfluxQL query per rule, grouped into one sample list per tag set.
import type { Rule } from '../_lib/config-parts/rules.ts';
import { influxDuration } from '../_lib/duration.ts';
import type { InfluxClient } from '../_lib/influx.ts';
import { ident, literal } from '../_lib/influxql.ts';
import type { Sample } from '../_lib/trend.ts';

export interface RuleSeries {
  tags: Record<string, string>;
  /** For bucketed (derivative) queries, each sample sits at its bucket's middle, never after `now`. */
  samples: Sample[];
  /** The limit field's value at the last sample, when the rule names a limit field. */
  limitValue?: number;
}

export function whereClause(where: Record<string, string>): string {
  return Object.entries(where)
    .map(([k, v]) =>
      v.length > 1 && v.startsWith('/') && v.endsWith('/') ? `${ident(k)} =~ ${v}` : `${ident(k)} = ${literal(v)}`,
    )
    .map((c) => ` AND ${c}`)
    .join('');
}

/** The time span a rule reads: its window, or its lookback for absence rules. */
export function ruleSpan(rule: Rule): number {
  return rule.kind === 'absent' ? rule.lookback : rule.window;
}

export function bucketMs(rule: Rule): number {
  if (rule.kind !== 'derivative') return 0;
  return rule.resolution ?? Math.max(1000, Math.round(rule.window / 60 / 1000) * 1000);
}

/** The statements a rule needs: its samples, and (for a limit named by fields) the limit's last values. */
export function ruleQuery(rule: Rule, now: number): string {
  const span = ruleSpan(rule);
  const group = rule.group_by.length ? rule.group_by.map(ident).join(', ') : '*';
  const time = `time > ${now - span}ms AND time <= ${now}ms${whereClause(rule.where)}`;
  if (rule.kind === 'derivative' && rule.ratio) {
    // A share per bucket: the tags of `numerator` are filters, never groups, so both counts line up.
    const by = rule.group_by.length ? `, ${rule.group_by.map(ident).join(', ')}` : '';
    const count = (extra: string) =>
      `SELECT count(${ident(rule.field)}) AS "n" FROM ${ident(rule.measurement)} WHERE ${time}${extra} GROUP BY time(${influxDuration(bucketMs(rule))})${by} fill(0)`;
    return `${count(whereClause(rule.ratio.numerator))}; ${count('')}`;
  }
  if (rule.kind === 'derivative') {
    // Bucketed means keep 10,000-series evaluations cheap; empty buckets are simply absent.
    const samples = `SELECT mean(${ident(rule.field)}) AS "v" FROM ${ident(rule.measurement)} WHERE ${time} GROUP BY time(${influxDuration(bucketMs(rule))}), ${group} fill(none)`;
    if (typeof rule.limit !== 'string') return samples;
    // A limit may be a sum of fields ("used+free"): each read as its last value, summed here (InfluxDB 1.x is
    // slow at arithmetic between aggregates under GROUP BY time).
    const fields = rule.limit.split('+').map((f, i) => `last(${ident(f.trim())}) AS "l${i}"`);
    return `${samples}; SELECT ${fields.join(', ')} FROM ${ident(rule.measurement)} WHERE ${time} GROUP BY ${group}`;
  }
  return `SELECT ${ident(rule.field)} AS "v" FROM ${ident(rule.measurement)} WHERE ${time} GROUP BY ${group}`;
}

const tagKey = (tags: Record<string, string>) =>
  Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(',');

/** Numbers only: booleans count as 0/1, strings and nulls are skipped (a rule on a text field finds nothing). */
const asNumber = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined;

export async function readRuleSeries(store: InfluxClient, rule: Rule, now: number): Promise<RuleSeries[]> {
  if (rule.kind === 'derivative' && rule.ratio) return readRatioSeries(store, rule, rule.ratio.min_count, now);
  const [series = [], limits = []] = await store.query(ruleQuery(rule, now));
  const half = bucketMs(rule) / 2;
  const limitByKey = new Map<string, number>();
  for (const l of limits) {
    let sum = 0;
    let all = true;
    l.columns.forEach((c, i) => {
      if (!c.startsWith('l')) return;
      const v = asNumber(l.values[0]?.[i]);
      if (v === undefined) all = false;
      else sum += v;
    });
    if (all) limitByKey.set(tagKey(l.tags), sum);
  }
  return series.map((s) => {
    const vi = s.columns.indexOf('v');
    const samples: Sample[] = [];
    for (const row of s.values) {
      const v = asNumber(row[vi]);
      if (v !== undefined && Number.isFinite(v)) samples.push({ t: Math.min(Number(row[0]) + half, now), v });
    }
    return { tags: s.tags, samples, limitValue: limitByKey.get(tagKey(s.tags)) };
  });
}

/** Numerator and denominator counts per bucket, as shares; buckets with too few points are left out. */
async function readRatioSeries(store: InfluxClient, rule: Rule, minCount: number, now: number): Promise<RuleSeries[]> {
  const [num = [], den = []] = await store.query(ruleQuery(rule, now));
  const half = bucketMs(rule) / 2;
  const numerators = new Map<string, Map<number, number>>();
  for (const s of num) numerators.set(tagKey(s.tags), new Map(s.values.map((v) => [Number(v[0]), Number(v[1] ?? 0)])));
  return den.map((s) => {
    const hits = numerators.get(tagKey(s.tags));
    const samples: Sample[] = [];
    for (const [t, total] of s.values.map((v) => [Number(v[0]), Number(v[1] ?? 0)] as const))
      if (total >= minCount) samples.push({ t: Math.min(t + half, now), v: (hits?.get(t) ?? 0) / total });
    return { tags: s.tags, samples };
  });
}
