import { describe, expect, it } from 'vitest';
import { knnGraph } from './graph.ts';
import { KdTree } from './kd-tree.ts';
import { TopK, bruteKnn } from './knn.ts';

function points(n: number, dim: number): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = ((i * 0.7548776662 + (i % 7) * 0.31) % 1) * 4;
  return out;
}

describe('KdTree', () => {
  it('returns exactly the brute-force neighbours, duplicates included', () => {
    const dim = 3;
    const z = points(2000, dim);
    z.copyWithin(0, 30, 60); // ten rows identical to rows 10-19
    const tree = new KdTree(z, dim);
    const a = new TopK(7);
    const b = new TopK(7);
    for (let q = 0; q < 2000; q += 13) {
      const mine = tree.query(z, q, a, q).sorted();
      const ref = bruteKnn(z, 0, 2000, z, q, dim, b, 'euclidean', q).sorted();
      expect(mine.map((r) => r.d)).toEqual(ref.map((r) => r.d));
    }
  });
});

describe('knnGraph', () => {
  it('links each row to its k nearest once, strongest edges first, and drops weak ones', () => {
    const z = Float32Array.from([0, 0, 0, 1, 10, 10, 10, 12]);
    const edges = knnGraph(z, 2, 1);
    expect(edges).toEqual([
      { from: 0, to: 1, weight: 0.5 },
      { from: 2, to: 3, weight: 1 / 3 },
    ]);
    expect(knnGraph(z, 2, 1, 0.4)).toHaveLength(1);
  });
});
