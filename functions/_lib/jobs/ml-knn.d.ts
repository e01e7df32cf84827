// ml-knn 3.0 ships no types: the part NOMAD uses (a k-d tree behind a classifier).
declare module 'ml-knn' {
  export default class KNN {
    constructor(
      dataset: number[][],
      labels: number[],
      options?: { k?: number; distance?: (a: number[], b: number[]) => number },
    );
    k: number;
    kdTree: { nearest(point: number[], maxNodes: number, maxDistance?: number): Array<[number[], number]> };
    predict(dataset: number[][]): number[];
    predict(point: number[]): number;
  }
}
