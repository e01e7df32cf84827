// The two scores, never confused: the health of a finished job (from its resource use alone) and the failure risk
// of a pending job (from its nearest past jobs and its history, through a logistic model and a calibration map).
import type { JobRecord } from './record.ts';

/** Health components and weights (docs/prediction.md); missing components drop out and the rest are re-weighted. */
export const HEALTH_WEIGHTS = { cpu: 0.4, memory: 0.3, time: 0.3 } as const;

export interface Health {
  score: number | null;
  cpu: number | null;
  memory: number | null;
  time: number | null;
}

/**
 * cpu: CPU time used / (CPUs held × run time); memory: peak / requested; time: run time / time limit, full marks
 * from half the limit up (asking for twice what one needs is normal headroom), and the limit itself hit = 1.
 */
export function healthScore(job: JobRecord): Health {
  const run = job.start !== null && job.end !== null ? Math.max(0, job.end - job.start) : null;
  const cpus = job.alloc_cpus ?? job.req_cpus;
  const clamp = (v: number) => Math.max(0, Math.min(1, v));
  const cpu = run && cpus && job.used_cpu_s !== null ? clamp(job.used_cpu_s / (cpus * run)) : null;
  const memory = job.req_mem_mb && job.used_mem_mb !== null ? clamp(job.used_mem_mb / job.req_mem_mb) : null;
  const time = run !== null && job.req_time_s ? clamp(run / job.req_time_s / 0.5) : null;
  let w = 0;
  let s = 0;
  for (const [k, v] of [
    ['cpu', cpu],
    ['memory', memory],
    ['time', time],
  ] as const)
    if (v !== null) {
      w += HEALTH_WEIGHTS[k];
      s += HEALTH_WEIGHTS[k] * v;
    }
  return { score: w ? s / w : null, cpu, memory, time };
}

export interface Logistic {
  w: Float64Array;
  b: number;
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** L2-regularised logistic regression by full-batch Adam on rows [from, to) of x (dim columns); y in {0,1}. */
export function fitLogistic(x: Float32Array, dim: number, y: ArrayLike<number>, rows: number[], l2 = 1e-3): Logistic {
  const w = new Float64Array(dim);
  let b = 0;
  const m = new Float64Array(dim + 1);
  const v = new Float64Array(dim + 1);
  const g = new Float64Array(dim + 1);
  const lr = 0.05;
  for (let it = 1; it <= 150; it++) {
    g.fill(0);
    for (const i of rows) {
      let z = b;
      for (let c = 0; c < dim; c++) z += w[c]! * x[i * dim + c]!;
      const e = sigmoid(z) - y[i]!;
      for (let c = 0; c < dim; c++) g[c]! += e * x[i * dim + c]!;
      g[dim]! += e;
    }
    for (let c = 0; c <= dim; c++) {
      const grad = g[c]! / rows.length + (c < dim ? l2 * w[c]! : 0);
      m[c] = 0.9 * m[c]! + 0.1 * grad;
      v[c] = 0.999 * v[c]! + 0.001 * grad * grad;
      const step = (lr * (m[c]! / (1 - 0.9 ** it))) / (Math.sqrt(v[c]! / (1 - 0.999 ** it)) + 1e-8);
      if (c < dim) w[c]! -= step;
      else b -= step;
    }
  }
  return { w, b };
}

export function predictLogistic(model: Logistic, x: Float32Array, dim: number, i: number): number {
  let z = model.b;
  for (let c = 0; c < dim; c++) z += model.w[c]! * x[i * dim + c]!;
  return sigmoid(z);
}

/** Isotonic regression (pool adjacent violators): a monotone map from raw score to observed failure rate. */
export interface Isotonic {
  x: number[];
  y: number[];
}
export function fitIsotonic(scores: number[], labels: number[]): Isotonic {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const blocks: Array<{ lo: number; hi: number; sum: number; n: number }> = [];
  for (const i of order) {
    blocks.push({ lo: scores[i]!, hi: scores[i]!, sum: labels[i]!, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.sum / a.n < b.sum / b.n) break;
      blocks.splice(-2, 2, { lo: a.lo, hi: b.hi, sum: a.sum + b.sum, n: a.n + b.n });
    }
  }
  // Each block becomes a step at its mid-point; between steps the map is interpolated.
  return { x: blocks.map((b) => (b.lo + b.hi) / 2), y: blocks.map((b) => b.sum / b.n) };
}

export function applyIsotonic(iso: Isotonic, s: number): number {
  const { x, y } = iso;
  if (!x.length) return s;
  if (s <= x[0]!) return y[0]!;
  if (s >= x[x.length - 1]!) return y[y.length - 1]!;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= s) lo = mid;
    else hi = mid;
  }
  const t = (s - x[lo]!) / (x[hi]! - x[lo]! || 1);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}
