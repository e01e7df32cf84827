import KNN from 'ml-knn';
import { describe, expect, it } from 'vitest';
import { RecentIndex, TopK, bruteKnn, distance, weightedVotes } from './knn.ts';

/** A deterministic spread of points (no randomness in tests): a low-discrepancy sequence. */
function points(n: number, dim: number, seed = 1): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = ((i * 0.6180339887 + seed * 0.4142135) % 1) * 10 - 5;
  return out;
}

describe('bruteKnn', () => {
  it('finds the same neighbours as ml-knn’s k-d tree (Euclidean)', () => {
    const dim = 4;
    const data = points(500, dim);
    const qs = points(20, dim, 7);
    const rows = Array.from({ length: 500 }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
    const knn = new KNN(rows, new Array<number>(500).fill(0), { k: 5 });
    const top = new TopK(5);
    for (let q = 0; q < 20; q++) {
      const mine = bruteKnn(data, 0, 500, qs, q, dim, top)
        .sorted()
        .map((r) => r.d);
      const theirs = knn.kdTree
        .nearest(Array.from(qs.subarray(q * dim, (q + 1) * dim)), 5)
        .map(([, d]) => d)
        .sort((a, b) => a - b);
      // ml-knn reports Euclidean distance; ours is squared.
      mine.forEach((d, i) => expect(Math.sqrt(d)).toBeCloseTo(theirs[i]!, 4));
    }
  });

  it('cosine distance ignores length and the heap keeps the k nearest, nearest first', () => {
    const x = Float32Array.from([1, 0, 2, 0, 0, 1, 1, 1]);
    expect(distance(x, 0, x, 1, 2, 'cosine')).toBeCloseTo(0, 6);
    expect(distance(x, 0, x, 2, 2, 'cosine')).toBeCloseTo(1, 6);
    const top = bruteKnn(x, 0, 4, Float32Array.from([1, 0.1]), 0, 2, new TopK(2), 'cosine');
    expect(top.sorted().map((r) => r.i)).toEqual([0, 1]);
  });

  it('a ring buffer forgets the oldest job; votes weigh near neighbours more', () => {
    const idx = new RecentIndex(1, 3);
    const v = Float32Array.from([0, 1, 2, 3]);
    [1, 0, 0, 1].forEach((label, i) => idx.add(v, i, label));
    const top = idx.query(Float32Array.from([0]), 0, new TopK(3), 'euclidean');
    // Row 0 (value 0, label 1) was overwritten by row 3 (value 3).
    expect(top.sorted().map((r) => r.d)).toEqual([1, 4, 9]);
    const [near, all] = weightedVotes(top, idx.labels, [1, 3], 0.5, 'euclidean');
    expect(near).toBe(0);
    expect(all).toBeCloseTo(1 / 3.1 / (1 / 1.1 + 1 / 2.1 + 1 / 3.1), 10);
  });
});
