// A small gradient-boosted tree ensemble for the logistic loss: features binned at training-set quantiles,
// histogram split search, second-order leaf values (as in XGBoost/LightGBM, much reduced).

export interface GbmOptions {
  trees: number;
  depth: number;
  rate: number;
  bins: number;
  /** Minimum rows in a leaf. */
  minLeaf: number;
  lambda: number;
}
export const GBM_DEFAULTS: GbmOptions = { trees: 100, depth: 3, rate: 0.1, bins: 32, minLeaf: 50, lambda: 1 };

/** Nodes in arrays: feature < 0 is a leaf holding `value`; otherwise x[feature] < threshold goes left. */
interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  value: Float64Array;
}
export interface Gbm {
  base: number;
  trees: Tree[];
  depth: number;
}

export function fitGbm(x: Float32Array, dim: number, y: ArrayLike<number>, rows: number[], o = GBM_DEFAULTS): Gbm {
  const n = rows.length;
  // Cut points per feature: distinct quantiles of the training rows.
  const cuts = Array.from({ length: dim }, (_, c) => {
    const v = rows.map((i) => x[i * dim + c]!).sort((a, b) => a - b);
    const out: number[] = [];
    for (let b = 1; b < o.bins; b++) {
      const q = v[Math.floor((b * n) / o.bins)]!;
      if (out[out.length - 1] !== q && q > v[0]!) out.push(q);
    }
    return out;
  });
  const bin = new Uint8Array(n * dim);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < dim; c++) {
      const v = x[rows[r]! * dim + c]!;
      const cs = cuts[c]!;
      let b = 0;
      while (b < cs.length && v >= cs[b]!) b++;
      bin[r * dim + c] = b;
    }
  const yy = Float64Array.from(rows, (i) => y[i]!);
  const mean = Math.min(0.999, Math.max(0.001, yy.reduce((s, v) => s + v, 0) / Math.max(1, n)));
  const base = Math.log(mean / (1 - mean));
  const f = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const nodes = 2 ** (o.depth + 1) - 1;
  const trees: Tree[] = [];
  const node = new Int32Array(n);
  for (let t = 0; t < o.trees; t++) {
    for (let r = 0; r < n; r++) {
      const p = 1 / (1 + Math.exp(-f[r]!));
      g[r] = p - yy[r]!;
      h[r] = Math.max(p * (1 - p), 1e-6);
    }
    const tree: Tree = {
      feature: new Int32Array(nodes).fill(-1),
      threshold: new Float64Array(nodes),
      value: new Float64Array(nodes),
    };
    node.fill(0);
    for (let level = 0; level < o.depth; level++) {
      const first = 2 ** level - 1;
      const width = 2 ** level;
      // Histograms per (node at this level, feature, bin): sum of g, sum of h, count.
      const size = width * dim * o.bins;
      const G = new Float64Array(size);
      const H = new Float64Array(size);
      const C = new Int32Array(size);
      for (let r = 0; r < n; r++) {
        const k = node[r]! - first;
        if (k < 0) continue;
        for (let c = 0; c < dim; c++) {
          const at = (k * dim + c) * o.bins + bin[r * dim + c]!;
          G[at]! += g[r]!;
          H[at]! += h[r]!;
          C[at]!++;
        }
      }
      const split = new Int32Array(width * 2).fill(-1);
      for (let k = 0; k < width; k++) {
        let best = 0;
        for (let c = 0; c < dim; c++) {
          let gt = 0;
          let ht = 0;
          let ct = 0;
          for (let b = 0; b < o.bins; b++) {
            const at = (k * dim + c) * o.bins + b;
            gt += G[at]!;
            ht += H[at]!;
            ct += C[at]!;
          }
          let gl = 0;
          let hl = 0;
          let cl = 0;
          for (let b = 0; b < (cuts[c]!.length || 0); b++) {
            const at = (k * dim + c) * o.bins + b;
            gl += G[at]!;
            hl += H[at]!;
            cl += C[at]!;
            if (cl < o.minLeaf || ct - cl < o.minLeaf) continue;
            const gr = gt - gl;
            const hr = ht - hl;
            const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - (gt * gt) / (ht + o.lambda);
            if (gain > best) {
              best = gain;
              split[2 * k] = c;
              split[2 * k + 1] = b;
            }
          }
        }
        const c = split[2 * k]!;
        if (c >= 0) {
          tree.feature[first + k] = c;
          tree.threshold[first + k] = cuts[c]![split[2 * k + 1]!]!;
        }
      }
      for (let r = 0; r < n; r++) {
        const id = node[r]!;
        if (id < first) continue;
        const c = tree.feature[id]!;
        if (c < 0) continue; // a leaf above the last level: the row stays
        node[r] = 2 * id + (bin[r * dim + c]! <= split[2 * (id - first) + 1]! ? 1 : 2);
      }
    }
    // Leaf values from the rows that ended in each node.
    const sg = new Float64Array(nodes);
    const sh = new Float64Array(nodes);
    for (let r = 0; r < n; r++) {
      sg[node[r]!]! += g[r]!;
      sh[node[r]!]! += h[r]!;
    }
    for (let id = 0; id < nodes; id++) tree.value[id] = (-o.rate * sg[id]!) / (sh[id]! + o.lambda);
    for (let r = 0; r < n; r++) f[r]! += tree.value[node[r]!]!;
    trees.push(tree);
  }
  return { base, trees, depth: o.depth };
}

export function predictGbm(m: Gbm, x: Float32Array, dim: number, i: number): number {
  let z = m.base;
  for (const t of m.trees) {
    let id = 0;
    while (t.feature[id]! >= 0) id = 2 * id + (x[i * dim + t.feature[id]!]! < t.threshold[id]! ? 1 : 2);
    z += t.value[id]!;
  }
  return 1 / (1 + Math.exp(-z));
}
