// Classification metrics for the failure risk: ranking (ROC-AUC, PR-AUC), thresholds, confusion, calibration (ECE).

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}
export interface CurvePoint {
  threshold: number;
  tpr: number;
  fpr: number;
  precision: number;
  recall: number;
}

/** Distinct thresholds, highest first, with the confusion matrix at each (score >= threshold is positive). */
export function curve(scores: ArrayLike<number>, labels: ArrayLike<number>): Array<CurvePoint & Confusion> {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const P = Array.from(labels).reduce((s, l) => s + l, 0);
  const N = labels.length - P;
  const out: Array<CurvePoint & Confusion> = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < idx.length;) {
    const t = scores[idx[i]!]!;
    // Ties move together: a threshold cannot split equal scores.
    while (i < idx.length && scores[idx[i]!] === t) {
      if (labels[idx[i]!]) tp++;
      else fp++;
      i++;
    }
    out.push({
      threshold: t,
      tp,
      fp,
      tn: N - fp,
      fn: P - tp,
      tpr: P ? tp / P : 0,
      fpr: N ? fp / N : 0,
      precision: tp + fp ? tp / (tp + fp) : 1,
      recall: P ? tp / P : 0,
    });
  }
  return out;
}

/** Area under the ROC curve (trapezoids; ties count one half, as in the Mann-Whitney U statistic). */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let auc = 0;
  let px = 0;
  let py = 0;
  for (const p of curve(scores, labels)) {
    auc += ((p.fpr - px) * (p.tpr + py)) / 2;
    px = p.fpr;
    py = p.tpr;
  }
  return auc;
}

/** Average precision: the step-wise area under the precision-recall curve (no optimistic interpolation). */
export function prAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let ap = 0;
  let prevRecall = 0;
  for (const p of curve(scores, labels)) {
    ap += (p.recall - prevRecall) * p.precision;
    prevRecall = p.recall;
  }
  return ap;
}

export function confusion(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const pred = scores[i]! >= threshold;
    const key = labels[i] ? (pred ? 'tp' : 'fn') : pred ? 'fp' : 'tn';
    c[key]++;
  }
  return c;
}

export function prf(c: Confusion): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Type 1 = false alarms among the jobs that completed; Type 2 = missed failures among the jobs that failed. */
export function errorRates(c: Confusion): { type1: number; type2: number } {
  return { type1: c.fp + c.tn ? c.fp / (c.fp + c.tn) : 0, type2: c.fn + c.tp ? c.fn / (c.fn + c.tp) : 0 };
}

/** Expected calibration error over equal-width bins: the job-weighted gap between mean risk and failure rate. */
export function ece(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  const n = new Float64Array(bins);
  const sp = new Float64Array(bins);
  const sl = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(probs[i]! * bins)));
    n[b]!++;
    sp[b]! += probs[i]!;
    sl[b]! += labels[i]!;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if (n[b]) e += Math.abs(sp[b]! - sl[b]!);
  return probs.length ? e / probs.length : 0;
}

/** The threshold with the best F1 (on the data given: the training window in the evaluation). */
export function bestF1Threshold(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let best = { t: Infinity, f1: -1 };
  for (const p of curve(scores, labels)) {
    const f1 = prf(p).f1;
    if (f1 > best.f1) best = { t: p.threshold, f1 };
  }
  return best.t;
}

/** The threshold with the lowest cost, where a missed failure costs `ratio` false alarms. */
export function bestCostThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>, ratio: number): number {
  const pts = curve(scores, labels);
  const first = pts[0];
  if (!first) return Infinity;
  // Start from "flag nothing" (threshold above every score).
  let best = { t: first.threshold + 1e-9, cost: ratio * (first.tp + first.fn) };
  for (const p of pts) {
    const cost = ratio * p.fn + p.fp;
    if (cost < best.cost) best = { t: p.threshold, cost };
  }
  return best.t;
}
