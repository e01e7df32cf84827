// One evaluation: read recent disk series, derive rate, acceleration and time to full, write them, fire rules.
import { type AlertState, alertId, loadAlertStates } from '../_lib/alert-state.ts';
import type { Deps } from '../_lib/deps.ts';
import type { Point } from '../_lib/line-protocol.ts';
import type { AlertEvent } from '../_lib/notify/types.ts';
import { analyseTrend } from '../_lib/trend.ts';
import { type RuleHit, diskFullWithinRule, diskUsedPercentRule, projectedHours } from './disk-rules.ts';
import { diskRowSchema } from './schemas.ts';
import { deliver } from './transitions.ts';

export const DISK_TREND_MEASUREMENT = 'nomad_disk_trend';
const RULES = ['disk_used_percent', 'disk_full_within'];

export async function runEvaluate(deps: Deps, { now }: { now: number }) {
  const cfg = deps.config();
  const since = now - cfg.alerts.window;
  const [series = []] = await deps.store.query(
    `SELECT "used", "total", "free", "used_percent" FROM "disk" WHERE time > ${since}ms AND time <= ${now}ms GROUP BY *`,
  );
  const trendPoints: Point[] = [];
  const events: AlertEvent[] = [];
  const seen = new Set<string>();
  for (const s of series) {
    const rows = s.values.map((v) =>
      diskRowSchema.parse(Object.fromEntries(s.columns.map((c, i) => [c, v[i] ?? null]))),
    );
    const last = rows[rows.length - 1];
    if (!last || last.used === null) continue;
    const capacity = last.used + (last.free ?? 0);
    const samples = rows.flatMap((r) => (r.used === null ? [] : [{ t: r.time, v: r.used }]));
    const trend = analyseTrend(samples, capacity);
    const path = s.tags.path ?? '?';
    const hits: RuleHit[] = [];
    const usedPercent = last.used_percent ?? (capacity > 0 ? (100 * last.used) / capacity : 0);
    const threshold = diskUsedPercentRule(usedPercent, path, cfg.alerts);
    if (threshold) hits.push(threshold);
    const details: Record<string, number | null> = { used_percent: usedPercent };
    if (trend) {
      const hours = projectedHours(trend);
      Object.assign(details, {
        rate_bytes_per_hour: trend.ratePerHour,
        accel_bytes_per_hour2: trend.accelPerHour2,
        hours_to_full_linear: trend.hoursToLimitLinear,
        hours_to_full_quadratic: trend.hoursToLimitQuadratic,
        hours_to_full: hours,
      });
      trendPoints.push({
        measurement: DISK_TREND_MEASUREMENT,
        tags: s.tags,
        fields: {
          used: last.used,
          capacity,
          rate_bytes_per_hour: trend.ratePerHour,
          accel_bytes_per_hour2: trend.accelPerHour2,
          hours_to_full_linear: trend.hoursToLimitLinear,
          hours_to_full_quadratic: trend.hoursToLimitQuadratic,
          hours_to_full: hours,
          samples: trend.samples,
        },
        time: now,
      });
      const projection = diskFullWithinRule(trend, path, cfg.alerts);
      if (projection) hits.push(projection);
    }
    for (const hit of hits) {
      const id = alertId(hit.rule, s.tags);
      seen.add(id);
      events.push(toEvent(id, hit, s.tags, cfg.general.cluster, details, now));
    }
  }
  const prev = await loadAlertStates(deps.store, RULES, now);
  events.push(...resolutions(prev, seen, cfg.general.cluster, now));
  if (trendPoints.length) await deps.store.write(trendPoints);
  const outcome = await deliver(deps, events, prev, now);
  return {
    series: series.length,
    trend_points: trendPoints.length,
    firing: events.filter((e) => e.state === 'firing').length,
    notified: outcome.notified,
    resolved: outcome.resolved,
    notify_failed: outcome.failed,
  };
}

function toEvent(
  id: string,
  hit: RuleHit,
  tags: Record<string, string>,
  cluster: string,
  details: Record<string, number | null>,
  now: number,
): AlertEvent {
  return {
    id,
    rule: hit.rule,
    severity: hit.severity,
    state: 'firing',
    cluster,
    series: { measurement: 'disk', tags },
    value: hit.value,
    limit: hit.limit,
    message: hit.message,
    details,
    at: new Date(now).toISOString(),
  };
}

/** Alerts that were firing and whose condition no longer holds. */
function resolutions(prev: Map<string, AlertState>, seen: Set<string>, cluster: string, now: number): AlertEvent[] {
  const out: AlertEvent[] = [];
  for (const [id, st] of prev) {
    if (st.state !== 'firing' || seen.has(id)) continue;
    out.push({
      id,
      rule: st.rule,
      severity: st.severity,
      state: 'resolved',
      cluster,
      series: { measurement: 'disk', tags: st.tags },
      value: 0,
      limit: 0,
      message: `${st.rule} on ${st.tags.path ?? id} resolved`,
      details: {},
      at: new Date(now).toISOString(),
    });
  }
  return out;
}
