// `nomad alerts` (current alert states) and `nomad alerts explain` (why a derivative rule would fire).
import { readFileSync } from 'node:fs';
import { loadAlertStates } from '../../functions/_lib/alert-state.ts';
import { parseDuration } from '../../functions/_lib/duration.ts';
import { explain, readSeriesCsv } from '../../functions/_lib/explain.ts';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import { parseSmoothing } from '../../functions/_lib/trend-class.ts';
import { CliError, table } from './output.ts';

export function explainCommand(opts: { series?: string; limit?: string; smoothing?: string; json: boolean }): string {
  if (!opts.series)
    throw new CliError(
      'usage: nomad alerts explain --series FILE.csv --limit L [--smoothing ema:0.3|sma:5|none] [--json]',
      2,
    );
  const limit = Number(opts.limit);
  if (opts.limit === undefined || !Number.isFinite(limit))
    throw new CliError(`--limit: "${opts.limit ?? ''}" is not a number`, 2);
  const smoothing = parseSmoothing(opts.smoothing ?? 'none');
  if (!smoothing)
    throw new CliError(`--smoothing: "${opts.smoothing}" is not none, ema:ALPHA (0 < ALPHA <= 1) or sma:N`, 2);
  let text: string;
  try {
    text = readFileSync(opts.series === '-' ? 0 : opts.series, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${opts.series}: ${(err as Error).message}`);
  }
  const { samples, problems } = readSeriesCsv(text);
  for (const p of problems) process.stderr.write(`${opts.series}:${p.line}: ${p.reason}: ${p.text}\n`);
  const e = explain(samples, limit, smoothing);
  if (!e) throw new CliError(`${opts.series}: need at least two samples at different times (got ${samples.length})`);
  if (opts.json) return JSON.stringify(e, null, 2);
  const h = (x: number | null) => (x === null ? 'never' : `${x.toFixed(2)} h`);
  return [
    `samples            ${e.samples} over ${e.window_hours.toFixed(2)} h`,
    `smoothed value     ${e.smoothed}`,
    `rate               ${e.rate_per_hour} per hour`,
    `acceleration       ${e.accel_per_hour2} per hour²`,
    `trend              ${e.trend.replace('_', ', ')}`,
    `to ${limit} (linear)    ${h(e.hours_to_limit_linear)}`,
    `to ${limit} (quadratic) ${h(e.hours_to_limit_quadratic)}`,
  ].join('\n');
}

/** The latest state of every alert seen in the last `window`. */
export async function listAlerts(store: InfluxClient, window: string, cluster?: string) {
  const states = await loadAlertStates(store, { nowMs: Date.now(), lookbackMs: parseDuration(window), cluster });
  const rows = [...states.values()]
    .sort((a, b) => b.lastNotice - a.lastNotice)
    .map((s) => ({
      id: s.id,
      rule: s.rule,
      state: s.state,
      severity: s.severity,
      value: s.value,
      since: s.since ? new Date(s.since).toISOString() : null,
      ack_by: s.ackBy ?? null,
      message: s.message,
      tags: s.tags,
    }));
  return { rows, text: table(rows, ['id', 'rule', 'state', 'severity', 'since', 'message']) };
}
