// Reads the series a rule looks at: one InfluxQL query per rule, grouped into one sample list per tag set.
import type { Rule } from '../_lib/config-parts/rules.ts';
import { influxDuration } from '../_lib/duration.ts';
import type { InfluxClient } from '../_lib/influx.ts';
import type { Sample } from '../_lib/trend.ts';

export interface RuleSeries {
  tags: Record<string, string>;
  /** For bucketed (derivative) queries, each sample sits at its bucket's middle, never after `now`. */
  samples: Sample[];
  /** The limit field's value at the last sample, when the rule names a limit field. */
  limitValue?: number;
}

const ident = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

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

export function ruleQuery(rule: Rule, now: number): string {
  const span = ruleSpan(rule);
  const group = rule.group_by.length ? rule.group_by.map(ident).join(', ') : '*';
  const limitField = rule.kind === 'derivative' && typeof rule.limit === 'string' ? rule.limit : undefined;
  const time = `time > ${now - span}ms AND time <= ${now}ms${whereClause(rule.where)}`;
  if (rule.kind === 'derivative') {
    // Bucketed means keep 10,000-series evaluations cheap; empty buckets are simply absent.
    const res = bucketMs(rule);
    // A limit field may be a sum of fields: "used+free" is the capacity df reports to non-root users.
    const lim = limitField
      ?.split('+')
      .map((f) => `last(${ident(f.trim())})`)
      .join(' + ');
    const cols = [`mean(${ident(rule.field)}) AS "v"`, ...(lim ? [`${lim} AS "lim"`] : [])];
    return `SELECT ${cols.join(', ')} FROM ${ident(rule.measurement)} WHERE ${time} GROUP BY time(${influxDuration(res)}), ${group} fill(none)`;
  }
  return `SELECT ${ident(rule.field)} AS "v" FROM ${ident(rule.measurement)} WHERE ${time} GROUP BY ${group}`;
}

/** Numbers only: booleans count as 0/1, strings and nulls are skipped (a rule on a text field finds nothing). */
const asNumber = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined;

export async function readRuleSeries(store: InfluxClient, rule: Rule, now: number): Promise<RuleSeries[]> {
  const [series = []] = await store.query(ruleQuery(rule, now));
  const half = bucketMs(rule) / 2;
  return series.map((s) => {
    const vi = s.columns.indexOf('v');
    const li = s.columns.indexOf('lim');
    const samples: Sample[] = [];
    let limitValue: number | undefined;
    for (const row of s.values) {
      const v = asNumber(row[vi]);
      if (v !== undefined && Number.isFinite(v)) samples.push({ t: Math.min(Number(row[0]) + half, now), v });
      if (li >= 0) limitValue = asNumber(row[li]) ?? limitValue;
    }
    return { tags: s.tags, samples, limitValue };
  });
}
