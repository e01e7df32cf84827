// Normalisation and redundancy: fitted on the training rows only, then applied to every row.

export interface Scaler {
  kind: 'zscore' | 'minmax';
  a: Float64Array;
  b: Float64Array;
}

/** z-score (mean, sd) or min-max (min, range) per column over rows [0, fitRows). */
export function fitScaler(x: Float64Array, d: number, fitRows: number, kind: Scaler['kind'] = 'zscore'): Scaler {
  const a = new Float64Array(d);
  const b = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    let s = 0;
    let s2 = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < fitRows; i++) {
      const v = x[i * d + c]!;
      s += v;
      s2 += v * v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const mean = s / Math.max(1, fitRows);
    const sd = Math.sqrt(Math.max(0, s2 / Math.max(1, fitRows) - mean * mean));
    a[c] = kind === 'zscore' ? mean : lo;
    b[c] = (kind === 'zscore' ? sd : hi - lo) || 1;
  }
  return { kind, a, b };
}

/** Applies the scaler to the chosen columns, into a compact Float32Array (rows × cols.length). */
export function transform(x: Float64Array, d: number, s: Scaler, cols: number[]): Float32Array {
  const n = x.length / d;
  const out = new Float32Array(n * cols.length);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k]!;
      out[i * cols.length + k] = (x[i * d + c]! - s.a[c]!) / s.b[c]!;
    }
  return out;
}

/** Pearson correlation matrix of the columns over rows [0, rows). */
export function correlation(x: Float64Array, d: number, rows: number): number[][] {
  const s = fitScaler(x, d, rows);
  const m = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < rows; i++)
    for (let p = 0; p < d; p++) {
      const zp = (x[i * d + p]! - s.a[p]!) / s.b[p]!;
      for (let q = p; q < d; q++) m[p]![q]! += (zp * (x[i * d + q]! - s.a[q]!)) / s.b[q]!;
    }
  for (let p = 0; p < d; p++)
    for (let q = p; q < d; q++) {
      const r = m[p]![q]! / Math.max(1, rows);
      m[p]![q] = r;
      m[q]![p] = r;
    }
  return m;
}

/** Keeps columns in order, dropping one whose |r| with an already kept column exceeds `max` (or that is constant). */
export function dropRedundant(corr: number[][], max = 0.9): { keep: number[]; dropped: Array<[number, number]> } {
  const keep: number[] = [];
  const dropped: Array<[number, number]> = [];
  for (let c = 0; c < corr.length; c++) {
    const twin = keep.find((k) => Math.abs(corr[c]![k]!) > max);
    if (twin !== undefined) dropped.push([c, twin]);
    else keep.push(c);
  }
  return { keep, dropped };
}
