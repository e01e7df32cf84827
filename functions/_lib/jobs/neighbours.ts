// The time-ordered k-NN pass: each job, at its submit, gets the distance-weighted failure share of its nearest
// past ended jobs, among the most recent `window` jobs of the cluster and among its own user's recent jobs.
import { replay } from './history.ts';
import { type Metric, RecentIndex, TopK, weightedVotes } from './knn.ts';
import type { JobRecord } from './record.ts';

export interface NeighbourOptions {
  ks: number[];
  metric: Metric;
  /** Recent ended jobs searched for each new job, cluster-wide. */
  window: number;
  /** Recent ended jobs of the same user searched. */
  userWindow: number;
  /** Jobs before this index are replayed into the history but not scored. */
  from: number;
  onProgress?: (done: number, total: number) => void;
}

/** votes[(i * 2 + s) * ks.length + k]: s = 0 cluster-wide, 1 same user; NaN for rows before `from`. */
export function neighbourVotes(
  jobs: JobRecord[],
  z: Float32Array,
  dim: number,
  y: Int8Array,
  fallback: Float64Array,
  o: NeighbourOptions,
): Float64Array {
  const nk = o.ks.length;
  const votes = new Float64Array(jobs.length * 2 * nk).fill(Number.NaN);
  const kmax = Math.max(...o.ks);
  const cluster = new RecentIndex(dim, o.window);
  const users = new Map<string, RecentIndex>();
  const top = new TopK(kmax);
  const step = Math.max(1, Math.floor(jobs.length / 100));
  replay(
    jobs,
    (j) => {
      if (y[j]! < 0) return;
      cluster.add(z, j, y[j]!);
      const u = jobs[j]!.user;
      const idx = users.get(u) ?? users.set(u, new RecentIndex(dim, o.userWindow)).get(u)!;
      idx.add(z, j, y[j]!);
    },
    (i) => {
      if (i % step === 0) o.onProgress?.(i, jobs.length);
      if (i < o.from) return;
      const base = i * 2 * nk;
      cluster.query(z, i, top, o.metric);
      weightedVotes(top, cluster.labels, o.ks, fallback[i]!, o.metric).forEach((v, k) => (votes[base + k] = v));
      const u = users.get(jobs[i]!.user);
      if (u) u.query(z, i, top, o.metric);
      else top.reset();
      const uv = weightedVotes(top, u?.labels ?? new Uint8Array(0), o.ks, fallback[i]!, o.metric);
      uv.forEach((v, k) => (votes[base + nk + k] = v));
    },
  );
  o.onProgress?.(jobs.length, jobs.length);
  return votes;
}
