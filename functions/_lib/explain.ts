// Why a derivative rule would fire: the numbers for one series, from a `time,value` CSV or from samples.
import { type Sample, analyseTrend } from './trend.ts';
import { type Smoothing, type TrendClass, classifyTrend, seriesScale, smooth } from './trend-class.ts';

export interface Explanation {
  samples: number;
  window_hours: number;
  smoothed: number;
  rate_per_hour: number;
  accel_per_hour2: number;
  trend: TrendClass;
  hours_to_limit_linear: number | null;
  hours_to_limit_quadratic: number | null;
}

export interface CsvProblem {
  line: number;
  text: string;
  reason: string;
}

/** Reads `time,value` rows: time as ISO 8601 or epoch seconds; a header row is allowed; bad rows are reported. */
export function readSeriesCsv(text: string): { samples: Sample[]; problems: CsvProblem[] } {
  const samples: Sample[] = [];
  const problems: CsvProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [t, v, ...rest] = line.split(',').map((c) => c.trim());
    if (i === 0 && v !== undefined && Number.isNaN(Number(v)) && Number.isNaN(Date.parse(t ?? ''))) return; // header
    if (v === undefined || rest.length)
      return void problems.push({ line: i + 1, text: raw, reason: 'expected two columns: time,value' });
    const time = /^-?\d+(\.\d+)?$/.test(t ?? '') ? Number(t) * 1000 : Date.parse(t ?? '');
    const value = v === '' ? NaN : Number(v);
    if (!Number.isFinite(time))
      return void problems.push({ line: i + 1, text: raw, reason: `"${t}" is not ISO 8601 or epoch seconds` });
    if (!Number.isFinite(value))
      return void problems.push({ line: i + 1, text: raw, reason: `"${v}" is not a finite number` });
    samples.push({ t: time, v: value });
  });
  samples.sort((a, b) => a.t - b.t);
  return { samples, problems };
}

/** The smoothed value, both derivatives, the trend class and the two projections to `limit`. */
export function explain(samples: Sample[], limit: number, smoothing: Smoothing): Explanation | undefined {
  const smoothed = smooth(samples, smoothing);
  const trend = analyseTrend(smoothed, limit);
  if (!trend) return undefined;
  const hours = (smoothed[smoothed.length - 1]!.t - smoothed[0]!.t) / 3_600_000;
  return {
    samples: trend.samples,
    window_hours: hours,
    smoothed: smoothed[smoothed.length - 1]!.v,
    rate_per_hour: trend.ratePerHour,
    accel_per_hour2: trend.accelPerHour2,
    trend: classifyTrend(trend.ratePerHour, trend.accelPerHour2, hours, seriesScale(smoothed)),
    hours_to_limit_linear: trend.hoursToLimitLinear,
    hours_to_limit_quadratic: trend.hoursToLimitQuadratic,
  };
}
