// The similarity network: each job linked to its k nearest jobs in the similarity space (its request and the
// failure history of its user and application), exact through a k-d tree; edges strongest first.
import { FEATURES } from './features.ts';
import { KdTree } from './kd-tree.ts';
import { TopK } from './knn.ts';

/** Few, meaningful axes: a k-d tree stays exact and fast here (the 17 model features defeat its pruning). */
export const SIMILARITY_FEATURES = [
  'req_cpus_log',
  'req_time_log',
  'req_mem_log',
  'user_fail_rate',
  'app_fail_rate',
  'user_runtime_share',
] as const satisfies ReadonlyArray<(typeof FEATURES)[number]>;

export const similarityColumns = (): number[] => SIMILARITY_FEATURES.map((f) => FEATURES.indexOf(f));

export interface Edge {
  from: number;
  to: number;
  /** 1 / (1 + Euclidean distance): 1 for identical jobs. */
  weight: number;
}

/** k-NN graph over rows of z (dim columns); an edge a–b appears once; those below `minWeight` are dropped. */
export function knnGraph(z: Float32Array, dim: number, k: number, minWeight = 0): Edge[] {
  const tree = new KdTree(z, dim);
  const top = new TopK(k);
  const seen = new Set<number>();
  const edges: Edge[] = [];
  const rows = z.length / dim;
  for (let i = 0; i < rows; i++) {
    tree.query(z, i, top, i);
    for (let h = 0; h < top.size; h++) {
      const j = top.idx[h]!;
      const weight = 1 / (1 + Math.sqrt(top.dist[h]!));
      const key = i < j ? i * rows + j : j * rows + i;
      if (weight < minWeight || seen.has(key)) continue;
      seen.add(key);
      edges.push({ from: i, to: j, weight });
    }
  }
  return edges.sort((a, b) => b.weight - a.weight);
}
