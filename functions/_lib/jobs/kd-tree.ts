// An exact k-d tree over Float32Array rows (squared Euclidean): median splits on the widest axis, leaves of 16
// rows. Job features are low in intrinsic dimension, so it prunes well where brute force would touch every row.
import type { TopK } from './knn.ts';

const LEAF = 16;

export class KdTree {
  /** Row ids in tree order; a node covers perm[lo, hi). */
  readonly perm: Int32Array;
  private readonly axis: Int32Array;
  private readonly split: Float64Array;
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  /** The right child; the left child of node n is always n + 1 (depth-first numbering). */
  private readonly right: Int32Array;
  private nodes = 0;

  constructor(
    readonly data: Float32Array,
    readonly dim: number,
    readonly rows = data.length / dim,
  ) {
    this.perm = Int32Array.from({ length: rows }, (_, i) => i);
    // Every leaf holds at least one row, so a binary tree has fewer than 2 × rows nodes.
    const max = 2 * Math.max(1, rows);
    this.axis = new Int32Array(max);
    this.split = new Float64Array(max);
    this.lo = new Int32Array(max);
    this.hi = new Int32Array(max);
    this.right = new Int32Array(max);
    this.build(0, rows);
  }

  private build(lo: number, hi: number): number {
    const id = this.nodes++;
    this.lo[id] = lo;
    this.hi[id] = hi;
    this.axis[id] = -1;
    if (hi - lo <= LEAF) return id;
    const { data, dim, perm } = this;
    let best = 0;
    let spread = -1;
    for (let c = 0; c < dim; c++) {
      let mn = Infinity;
      let mx = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = data[perm[i]! * dim + c]!;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      if (mx - mn > spread) {
        spread = mx - mn;
        best = c;
      }
    }
    if (spread <= 0) return id; // all rows equal: a leaf, however large
    const mid = (lo + hi) >> 1;
    this.select(lo, hi - 1, mid, best);
    this.axis[id] = best;
    this.split[id] = data[perm[mid]! * dim + best]!;
    this.build(lo, mid);
    this.right[id] = this.build(mid, hi);
    return id;
  }

  /** Quickselect: perm[k] gets the row whose coordinate c is the k-th smallest in perm[l..r]. */
  private select(l: number, r: number, k: number, c: number): void {
    const { data, dim, perm } = this;
    const v = (i: number) => data[perm[i]! * dim + c]!;
    while (r > l) {
      const pivot = v((l + r) >> 1);
      let i = l;
      let j = r;
      while (i <= j) {
        while (v(i) < pivot) i++;
        while (v(j) > pivot) j--;
        if (i <= j) {
          const t = perm[i]!;
          perm[i] = perm[j]!;
          perm[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) r = j;
      else if (k >= i) l = i;
      else return;
    }
  }

  /** The k nearest rows to row q of `qs` (squared Euclidean), skipping row `skip` of this tree. */
  query(qs: Float32Array, q: number, top: TopK, skip = -1): TopK {
    top.reset();
    this.visit(0, qs, q * this.dim, top, skip);
    return top;
  }

  private visit(node: number, qs: Float32Array, oq: number, top: TopK, skip: number): void {
    const a = this.axis[node]!;
    if (a < 0) {
      const { data, dim, perm } = this;
      for (let i = this.lo[node]!; i < this.hi[node]!; i++) {
        const j = perm[i]!;
        if (j === skip) continue;
        const bound = top.bound();
        let s = 0;
        const oj = j * dim;
        for (let c = 0; c < dim && s < bound; c++) {
          const t = qs[oq + c]! - data[oj + c]!;
          s += t * t;
        }
        if (s < bound) top.push(s, j);
      }
      return;
    }
    const diff = qs[oq + a]! - this.split[node]!;
    const near = diff < 0 ? node + 1 : this.right[node]!;
    const far = diff < 0 ? this.right[node]! : node + 1;
    this.visit(near, qs, oq, top, skip);
    if (diff * diff < top.bound()) this.visit(far, qs, oq, top, skip);
  }
}
