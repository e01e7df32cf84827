// The disk rules of the foundation: used_percent over a limit, and projected full within H hours.
import type { Config, Severity } from '../_lib/config.ts';
import type { TrendResult } from '../_lib/trend.ts';

export interface RuleHit {
  rule: string;
  severity: Severity;
  value: number;
  limit: number;
  message: string;
}

export function diskUsedPercentRule(usedPercent: number, path: string, cfg: Config['alerts']): RuleHit | undefined {
  const t = cfg.disk_used_percent;
  const severity: Severity | undefined =
    usedPercent >= t.critical ? 'critical' : usedPercent >= t.warning ? 'warning' : undefined;
  if (!severity) return undefined;
  const limit = severity === 'critical' ? t.critical : t.warning;
  return {
    rule: 'disk_used_percent',
    severity,
    value: usedPercent,
    limit,
    message: `${path} is ${usedPercent.toFixed(1)}% full (limit ${limit}%)`,
  };
}

/** Uses the quadratic projection when there are 3+ samples (it sees acceleration), else the straight line. */
export function projectedHours(trend: TrendResult): number | null {
  return trend.samples >= 3 ? trend.hoursToLimitQuadratic : trend.hoursToLimitLinear;
}

export function diskFullWithinRule(trend: TrendResult, path: string, cfg: Config['alerts']): RuleHit | undefined {
  const hours = projectedHours(trend);
  if (hours === null || trend.ratePerHour <= 0) return undefined;
  const w = cfg.disk_full_within;
  const critH = w.critical / 3_600_000;
  const warnH = w.warning / 3_600_000;
  const severity: Severity | undefined = hours <= critH ? 'critical' : hours <= warnH ? 'warning' : undefined;
  if (!severity) return undefined;
  const limit = severity === 'critical' ? critH : warnH;
  return {
    rule: 'disk_full_within',
    severity,
    value: hours,
    limit,
    message: `${path} projected full in ${hours.toFixed(2)} h at ${formatBytes(trend.ratePerHour)}/h (limit ${limit} h)`,
  };
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${n < 0 ? '-' : ''}${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}
