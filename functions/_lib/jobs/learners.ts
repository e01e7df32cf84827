// The learners the risk model can use, behind one shape: fit on rows of a design matrix, predict one row.
import { fitGbm, predictGbm } from './gbm.ts';
import { fitLogistic, predictLogistic } from './scores.ts';

export type Learner = 'logistic' | 'gbm';

export interface Fitted {
  predict(i: number): number;
  /** Logistic weights, or for trees the number of splits on each input: what moves the risk. */
  explain(names: string[]): Record<string, number>;
}

export function fitLearner(
  learner: Learner,
  m: Float32Array,
  cols: number,
  y: ArrayLike<number>,
  rows: number[],
): Fitted {
  if (learner === 'logistic') {
    const lr = fitLogistic(m, cols, y, rows);
    return {
      predict: (i) => predictLogistic(lr, m, cols, i),
      explain: (names) => Object.fromEntries(names.map((f, c) => [f, lr.w[c]!])),
    };
  }
  const gbm = fitGbm(m, cols, y, rows);
  return {
    predict: (i) => predictGbm(gbm, m, cols, i),
    explain: (names) => {
      const splits = new Array<number>(cols).fill(0);
      for (const t of gbm.trees) for (const f of t.feature) if (f >= 0) splits[f]!++;
      return Object.fromEntries(names.map((f, c) => [f, splits[c]!]));
    },
  };
}
