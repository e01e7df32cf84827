// `nomad alerts` (current alert states) and `nomad alerts explain` (why a derivative rule would fire).
import { readFileSync } from 'node:fs';
import { ALERT_MEASUREMENT } from '../../functions/_lib/alert-state.ts';
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
export async function listAlerts(store: InfluxClient, window: string) {
  const [series = []] = await store.query(
    `SELECT last("state") AS state, last("severity") AS severity, last("value") AS value, last("message") AS message FROM "${ALERT_MEASUREMENT}" WHERE time > now() - ${window} GROUP BY "alert_id", "rule"`,
  );
  const rows = series.map((s) => ({
    id: s.tags.alert_id,
    rule: s.tags.rule,
    state: s.values[0]?.[1],
    severity: s.values[0]?.[2],
    value: s.values[0]?.[3],
    since: new Date(Number(s.values[0]?.[0])).toISOString(),
    message: s.values[0]?.[4],
  }));
  return { rows, text: table(rows, ['id', 'rule', 'state', 'severity', 'since', 'message']) };
}
