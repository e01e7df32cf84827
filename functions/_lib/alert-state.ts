// Alert state lives in InfluxDB (measurement nomad_alert), so functions stay stateless and restarts forget nothing.
import type { Severity } from './config.ts';
import type { InfluxClient } from './influx.ts';
import type { AlertEvent } from './notify/types.ts';

export const ALERT_MEASUREMENT = 'nomad_alert';

export interface AlertState {
  state: 'firing' | 'resolved';
  severity: Severity;
  rule: string;
  /** The tags of the series the alert is about. */
  tags: Record<string, string>;
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

/** The latest state of every alert of the given rules seen in the last `lookbackMs`. */
export async function loadAlertStates(
  store: InfluxClient,
  rules: string[],
  nowMs: number,
  lookbackMs = 30 * 86_400_000,
): Promise<Map<string, AlertState>> {
  const ruleFilter = rules.map((r) => `"rule" = '${r.replace(/'/g, "\\'")}'`).join(' OR ');
  const rows = await store.rows(
    `SELECT last("state") AS state, last("severity") AS severity FROM "${ALERT_MEASUREMENT}" ` +
      `WHERE (${ruleFilter}) AND time > ${nowMs - lookbackMs}ms GROUP BY *`,
  );
  const out = new Map<string, AlertState>();
  for (const r of rows) {
    const { _series: _s, time: _t, state, severity, cluster: _c, rule, alert_id, ...tags } = r;
    out.set(String(alert_id), {
      state: state as AlertState['state'],
      severity: severity as Severity,
      rule: String(rule),
      tags: tags as Record<string, string>,
    });
  }
  return out;
}

export function alertStatePoint(e: AlertEvent, nowMs: number) {
  return {
    measurement: ALERT_MEASUREMENT,
    tags: { cluster: e.cluster, rule: e.rule, alert_id: e.id, ...e.series.tags },
    fields: {
      state: e.state,
      severity: e.severity,
      value: e.value,
      limit: e.limit,
      message: e.message,
      series: e.series.measurement,
    },
    time: nowMs,
  };
}
