// Least-squares fits of a series and projections to a limit. Times are in hours relative to the last sample.

export interface Sample {
  t: number; // epoch ms
  v: number;
}

export interface TrendResult {
  /** Fitted value at the last sample. */
  current: number;
  /** First derivative at the last sample, units per hour (from the quadratic fit when there are 3+ points). */
  ratePerHour: number;
  /** Second derivative, units per hour squared (0 with fewer than 3 points). */
  accelPerHour2: number;
  /** Slope of the straight-line fit, units per hour. */
  linearRatePerHour: number;
  hoursToLimitLinear: number | null;
  hoursToLimitQuadratic: number | null;
  samples: number;
}

const H = 3_600_000;

/** Solves the normal equations of a least-squares polynomial fit of the given degree (1 or 2). */
function polyfit(xs: number[], ys: number[], degree: 1 | 2): number[] | undefined {
  const n = degree + 1;
  const A = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) (A[r] as number[])[c]! += x ** (r + c);
      (A[r] as number[])[n]! += y * x ** r;
    }
  }
  // Gaussian elimination with partial pivoting.
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r]![col]!) > Math.abs(A[pivot]![col]!)) pivot = r;
    [A[col], A[pivot]] = [A[pivot]!, A[col]!];
    const p = A[col]![col]!;
    if (Math.abs(p) < 1e-12) return undefined;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = A[r]![col]! / p;
      for (let c = col; c <= n; c++) A[r]![c]! -= f * A[col]![c]!;
    }
  }
  return A.map((row, i) => row[n]! / row[i]!);
}

/** Earliest t >= 0 where a t² + b t + c reaches 0, or null when the curve never does. */
export function earliestRoot(a: number, b: number, c: number): number | null {
  if (c >= 0) return 0;
  if (Math.abs(a) < 1e-12) return b > 0 ? -c / b : null;
  const disc = b * b - 4 * a * c;
  if (disc < 0) return null;
  const s = Math.sqrt(disc);
  const roots = [(-b - s) / (2 * a), (-b + s) / (2 * a)].filter((r) => r >= 0 && Number.isFinite(r));
  return roots.length ? Math.min(...roots) : null;
}

/** Fits the samples and projects when they reach `limit` (growth towards a ceiling). Needs 2+ finite samples. */
export function analyseTrend(samples: Sample[], limit: number): TrendResult | undefined {
  const clean = samples.filter((s) => Number.isFinite(s.v) && Number.isFinite(s.t)).sort((x, y) => x.t - y.t);
  if (clean.length < 2) return undefined;
  const t0 = clean[clean.length - 1]!.t;
  const xs = clean.map((s) => (s.t - t0) / H);
  const ys = clean.map((s) => s.v);
  if (xs[0] === 0) return undefined; // all samples at one instant: no slope
  const lin = polyfit(xs, ys, 1);
  if (!lin) return undefined;
  const [c1, b1] = lin as [number, number];
  const quad = clean.length >= 3 ? polyfit(xs, ys, 2) : undefined;
  const [c2, b2, a2] = (quad ?? [c1, b1, 0]) as [number, number, number];
  return {
    current: c2,
    ratePerHour: b2,
    accelPerHour2: 2 * a2,
    linearRatePerHour: b1,
    hoursToLimitLinear: earliestRoot(0, b1, c1 - limit),
    hoursToLimitQuadratic: earliestRoot(a2, b2, c2 - limit),
    samples: clean.length,
  };
}
