// Turning verdicts into words and points: message templates, notices, and the derived trend series.
import type { Observation } from '../_lib/alert-lifecycle.ts';
import type { AlertState } from '../_lib/alert-state.ts';
import type { DerivativeRule, Rule } from '../_lib/config-parts/rules.ts';
import type { Point } from '../_lib/line-protocol.ts';
import type { AlertEvent, NoticeKind } from '../_lib/notify/types.ts';
import type { Verdict } from './evaluate.ts';

export const TREND_MEASUREMENT = 'nomad_trend';

const fmt = (v: unknown) =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? '');

/** `{{tag}}`, `{{value}}`, `{{limit}}`, `{{severity}}`, `{{rule}}`, `{{field}}`, and any detail by name. */
export function renderMessage(rule: Rule, tags: Record<string, string>, v: Verdict): string {
  const vars: Record<string, unknown> = {
    ...('details' in v ? v.details : {}),
    ...tags,
    rule: rule.id,
    field: rule.field,
    measurement: rule.measurement,
  };
  if ('value' in v) vars.value = v.value;
  if (v.state === 'firing') Object.assign(vars, { limit: v.limit, severity: v.severity });
  const template = rule.message || `${rule.id}: ${rule.measurement}.${rule.field} = {{value}}`;
  const text = template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_m, k: string) => fmt(vars[k]));
  return v.state === 'ok' ? `resolved: ${text}` : text;
}

export function toNotice(
  s: AlertState,
  kind: NoticeKind,
  cluster: string,
  now: number,
  obs: Observation,
  ackUrl: string | undefined,
): AlertEvent {
  return {
    id: s.id,
    notice_id: `${s.id}-${now}-${kind}`,
    kind,
    source: 'nomad',
    rule: s.rule,
    severity: s.severity,
    state: s.state,
    cluster,
    series: { measurement: s.series, tags: s.tags },
    value: s.value,
    limit: s.limit,
    message: s.message,
    details: obs.state === 'firing' && 'details' in obs ? (obs as { details: AlertEvent['details'] }).details : {},
    at: new Date(now).toISOString(),
    since: new Date(s.since || now).toISOString(),
    ...(ackUrl && kind !== 'resolved' && kind !== 'acknowledged' ? { ack_url: ackUrl } : {}),
  };
}

/** The numbers behind a derivative rule, per series, where Grafana reads fill rates and times to full. */
export function trendPoint(
  rule: DerivativeRule,
  tags: Record<string, string>,
  v: Exclude<Verdict, { state: 'unknown' }>,
  cluster: string,
  now: number,
): Point {
  const d = v.details;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
  return {
    measurement: TREND_MEASUREMENT,
    tags: { ...tags, cluster: tags.cluster ?? cluster, rule: rule.id, field: rule.field },
    fields: {
      value: num(v.value),
      smoothed: num(d.smoothed),
      rate_per_hour: num(d.rate_per_hour),
      accel_per_hour2: num(d.accel_per_hour2),
      hours_to_limit_linear: num(d.hours_to_limit_linear),
      hours_to_limit_quadratic: num(d.hours_to_limit_quadratic),
      limit: num(d.limit),
      trend: typeof d.trend === 'string' ? d.trend : undefined,
      samples: num(d.samples),
      firing: v.state === 'firing',
    },
    time: now,
  };
}
