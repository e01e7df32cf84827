// Alert state lives in InfluxDB (measurement nomad_alert), so functions stay stateless and restarts forget nothing.
// The latest point per alert_id is the alert's state.
import type { Severity } from './config.ts';
import type { InfluxClient } from './influx.ts';
import { literal } from './influxql.ts';
import type { Point } from './line-protocol.ts';

export const ALERT_MEASUREMENT = 'nomad_alert';

export interface AlertState {
  id: string;
  rule: string;
  state: 'firing' | 'acknowledged' | 'resolved';
  severity: Severity;
  /** The series' own tags (without cluster, rule, alert_id). */
  tags: Record<string, string>;
  series: string;
  value: number | null;
  limit: number | null;
  message: string;
  /** Epoch ms of the last notice sent about this alert (0 when none), and of when it started firing. */
  lastNotice: number;
  since: number;
  ackBy?: string;
}

/** FNV-1a, 32 bit: a short, stable id for a rule and series. */
export function stableId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

export function alertId(rule: string, tags: Record<string, string>): string {
  const key = Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(',');
  return stableId(`${rule}|${key}`);
}

/** The latest state of every alert (of the given rules, or all) seen in the last `lookbackMs`. */
export async function loadAlertStates(
  store: InfluxClient,
  opts: { nowMs: number; rules?: string[]; ids?: string[]; lookbackMs?: number; cluster?: string },
): Promise<Map<string, AlertState>> {
  const where = [`time > ${opts.nowMs - (opts.lookbackMs ?? 30 * 86_400_000)}ms`, `time <= ${opts.nowMs}ms`];
  if (opts.rules) where.push(`(${opts.rules.map((r) => `"rule" = ${literal(r)}`).join(' OR ') || 'false'})`);
  if (opts.ids) where.push(`(${opts.ids.map((r) => `"alert_id" = ${literal(r)}`).join(' OR ') || 'false'})`);
  if (opts.cluster) where.push(`"cluster" = ${literal(opts.cluster)}`);
  // One aggregate per alert: the whole state as JSON (the separate fields are there for Grafana). Tens of
  // thousands of alerts stay one quick query.
  const rows = await store.rows(
    `SELECT last("state_json") AS "j" FROM "${ALERT_MEASUREMENT}" WHERE ${where.join(' AND ')} GROUP BY "alert_id"`,
  );
  const out = new Map<string, AlertState>();
  for (const r of rows) {
    if (typeof r.j !== 'string') continue;
    try {
      const st = JSON.parse(r.j) as AlertState;
      out.set(st.id, st);
    } catch {
      /* a point written by hand without valid JSON: not an alert NOMAD knows */
    }
  }
  return out;
}

export function alertStatePoint(s: AlertState, cluster: string, nowMs: number): Point {
  return {
    measurement: ALERT_MEASUREMENT,
    tags: { ...s.tags, cluster, rule: s.rule, alert_id: s.id },
    // Fields are prefixed: the series' own tags (a node's `state`, say) sit beside them as tags.
    fields: {
      alert_state: s.state,
      alert_severity: s.severity,
      alert_value: s.value,
      alert_limit: s.limit,
      alert_message: s.message,
      alert_series: s.series,
      last_notice: { int: s.lastNotice },
      since: { int: s.since },
      ack_by: s.ackBy ?? '',
      state_json: JSON.stringify(s),
    },
    time: nowMs,
  };
}
