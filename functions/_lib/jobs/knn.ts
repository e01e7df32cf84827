// Exact k nearest neighbours over Float32Array rows: a bounded max-heap per query, Euclidean or cosine distance.
// Brute force is exact and, over a window of recent jobs, fast enough for the time-ordered protocol (bench/jobs.ts).

export type Metric = 'euclidean' | 'cosine';

/** The k smallest distances seen so far, largest on top; `sorted()` gives them nearest first. */
export class TopK {
  readonly dist: Float64Array;
  readonly idx: Int32Array;
  size = 0;
  constructor(readonly k: number) {
    this.dist = new Float64Array(k);
    this.idx = new Int32Array(k);
  }
  reset(): void {
    this.size = 0;
  }
  /** The distance a candidate must beat to enter. */
  bound(): number {
    return this.size < this.k ? Infinity : this.dist[0]!;
  }
  push(d: number, i: number): void {
    const { dist, idx } = this;
    let c: number;
    if (this.size < this.k) c = this.size++;
    else if (d >= dist[0]!) return;
    else {
      // Replace the top and sift down.
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        if (l >= this.size) break;
        const r = l + 1;
        const m = r < this.size && dist[r]! > dist[l]! ? r : l;
        if (dist[m]! <= d) break;
        dist[p] = dist[m]!;
        idx[p] = idx[m]!;
        p = m;
      }
      dist[p] = d;
      idx[p] = i;
      return;
    }
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (dist[p]! >= d) break;
      dist[c] = dist[p]!;
      idx[c] = idx[p]!;
      c = p;
    }
    dist[c] = d;
    idx[c] = i;
  }
  sorted(): Array<{ i: number; d: number }> {
    const out: Array<{ i: number; d: number }> = [];
    for (let j = 0; j < this.size; j++) out.push({ i: this.idx[j]!, d: this.dist[j]! });
    return out.sort((a, b) => a.d - b.d);
  }
}

/** Squared Euclidean distance, or 1 - cosine similarity, between row a of `x` and row b of `y`. */
export function distance(x: Float32Array, a: number, y: Float32Array, b: number, dim: number, metric: Metric): number {
  const oa = a * dim;
  const ob = b * dim;
  if (metric === 'euclidean') {
    let s = 0;
    for (let c = 0; c < dim; c++) {
      const t = x[oa + c]! - y[ob + c]!;
      s += t * t;
    }
    return s;
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let c = 0; c < dim; c++) {
    const p = x[oa + c]!;
    const q = y[ob + c]!;
    dot += p * q;
    na += p * p;
    nb += q * q;
  }
  return na && nb ? 1 - dot / Math.sqrt(na * nb) : 1;
}

/** Exact k-NN of query row q (in `qs`) among rows [from, to) of `data`, skipping `skip`. */
export function bruteKnn(
  data: Float32Array,
  from: number,
  to: number,
  qs: Float32Array,
  q: number,
  dim: number,
  top: TopK,
  metric: Metric = 'euclidean',
  skip = -1,
): TopK {
  top.reset();
  if (metric === 'cosine') {
    for (let j = from; j < to; j++) if (j !== skip) top.push(distance(qs, q, data, j, dim, metric), j);
    return top;
  }
  // Euclidean inlined, stopping a row as soon as its partial sum cannot enter the top k.
  const oq = q * dim;
  let bound = top.bound();
  for (let j = from; j < to; j++) {
    if (j === skip) continue;
    const oj = j * dim;
    let s = 0;
    for (let c = 0; c < dim && s < bound; c++) {
      const t = qs[oq + c]! - data[oj + c]!;
      s += t * t;
    }
    if (s < bound) {
      top.push(s, j);
      bound = top.bound();
    }
  }
  return top;
}

/**
 * The most recent `capacity` ended jobs (a ring buffer): the neighbours a deployment would keep in memory.
 * `labels` holds each stored job's outcome.
 */
export class RecentIndex {
  readonly data: Float32Array;
  readonly labels: Uint8Array;
  count = 0;
  constructor(
    readonly dim: number,
    readonly capacity: number,
  ) {
    this.data = new Float32Array(dim * capacity);
    this.labels = new Uint8Array(capacity);
  }
  add(src: Float32Array, row: number, label: number): void {
    const slot = this.count % this.capacity;
    this.data.set(src.subarray(row * this.dim, (row + 1) * this.dim), slot * this.dim);
    this.labels[slot] = label;
    this.count++;
  }
  query(qs: Float32Array, q: number, top: TopK, metric: Metric): TopK {
    return bruteKnn(this.data, 0, Math.min(this.count, this.capacity), qs, q, this.dim, top, metric);
  }
}

/**
 * Distance-weighted failure share of the nearest k, for each k in `ks` (nearest first); `fallback` when empty.
 * Weights 1 / (distance + 0.1), so an exact twin counts most without dividing by zero.
 */
export function weightedVotes(top: TopK, labels: Uint8Array, ks: number[], fallback: number, metric: Metric): number[] {
  const nb = top.sorted();
  return ks.map((k) => {
    let w = 0;
    let s = 0;
    for (const { i, d } of nb.slice(0, k)) {
      const wi = 1 / ((metric === 'euclidean' ? Math.sqrt(d) : d) + 0.1);
      w += wi;
      s += wi * labels[i]!;
    }
    return w ? s / w : fallback;
  });
}
