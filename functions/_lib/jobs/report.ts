// Metrics for each scorer on the test window, at thresholds chosen on the training window.
import {
  type Confusion,
  bestCostThreshold,
  bestF1Threshold,
  confusion,
  ece,
  errorRates,
  prAuc,
  prf,
  rocAuc,
} from './metrics.ts';

export interface Scored {
  name: string;
  scores: ArrayLike<number>;
  /** A fixed threshold (the majority baseline); otherwise the best F1 on the training rows. */
  threshold?: number;
}
export interface ScorerResult {
  roc_auc: number;
  pr_auc: number;
  precision: number;
  recall: number;
  f1: number;
  threshold: number;
  confusion: Confusion;
  type1: number;
  type2: number;
  ece: number;
  cost: { ratio: number; threshold: number; confusion: Confusion; precision: number; recall: number; f1: number };
}

export function report(
  y: Int8Array,
  scorers: Scored[],
  o: { trainRows: number[]; testRows: number[]; costRatio?: number },
): { positives: number; results: Record<string, ScorerResult> } {
  const ratio = o.costRatio ?? 5;
  const ty = o.testRows.map((i) => y[i]!);
  const trY = o.trainRows.map((i) => y[i]!);
  const results: Record<string, ScorerResult> = {};
  for (const s of scorers) {
    const ts = o.testRows.map((i) => s.scores[i]!);
    const trS = o.trainRows.map((i) => s.scores[i]!);
    const threshold = s.threshold ?? bestF1Threshold(trS, trY);
    const costT = bestCostThreshold(trS, trY, ratio);
    const c = confusion(ts, ty, threshold);
    const cc = confusion(ts, ty, costT);
    results[s.name] = {
      roc_auc: rocAuc(ts, ty),
      pr_auc: prAuc(ts, ty),
      ...prf(c),
      threshold,
      confusion: c,
      ...errorRates(c),
      ece: ece(ts, ty),
      cost: { ratio, threshold: costT, confusion: cc, ...prf(cc) },
    };
  }
  return { positives: ty.reduce((a: number, b) => a + b, 0), results };
}
