// The protocol: sort by submit, fit on the first 70% (a calibration slice at its end), score each later job
// from jobs that had ended before its submit; cancelled jobs are left out of the metrics and counted.
import { D, FEATURES, buildFeatures } from './features.ts';
import type { Metric } from './knn.ts';
import { neighbourVotes } from './neighbours.ts';
import { correlation, dropRedundant, fitScaler, transform } from './normalise.ts';
import type { JobRecord } from './record.ts';
import { report, type Scored } from './report.ts';
import { type Learner, fitLearner } from './learners.ts';
import { applyIsotonic, fitIsotonic } from './scores.ts';
import { rocAuc } from './metrics.ts';

export interface EvaluateOptions {
  /** Neighbours; chosen on the validation slice of the training window when not given. */
  k?: number;
  costRatio?: number;
  metric?: Metric;
  window?: number;
  userWindow?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** Shares of the whole trace: history warm-up, logistic fit, calibration (also the validation slice), test. */
export const SLICES = { warm: 0.28, fit: 0.56, train: 0.7 } as const;
const K_CANDIDATES = [5, 10, 25, 50];
/** Input sets × learners tried on the validation slice (trees only on every input: they pick their own). */
const CANDIDATES: Array<['evidence' | 'all', Learner]> = [
  ['evidence', 'logistic'],
  ['all', 'logistic'],
  ['all', 'gbm'],
];
const EVIDENCE = [
  'user_fail_rate',
  'user_fail_recent',
  'user_last_failed',
  'app_fail_rate',
  'app_fail_recent',
  'user_app_fail_rate',
  'queue_fail_rate',
] as const;
const logit = (p: number) => {
  const q = Math.min(0.99, Math.max(0.01, p));
  return Math.log(q / (1 - q));
};

export function evaluateJobs(input: JobRecord[], opts: EvaluateOptions = {}) {
  const t0 = Date.now();
  const metric = opts.metric ?? 'euclidean';
  const t = buildFeatures(input);
  const n = t.jobs.length;
  const [warm, fit, train] = [SLICES.warm, SLICES.fit, SLICES.train].map((s) => Math.floor(s * n)) as [
    number,
    number,
    number,
  ];
  const corr = correlation(t.x, D, train);
  const { keep, dropped } = dropRedundant(corr, 0.9);
  const z = transform(t.x, D, fitScaler(t.x, D, train, 'zscore'), keep);
  const dim = keep.length;
  const ks = opts.k ? [opts.k] : K_CANDIDATES;
  const votes = neighbourVotes(t.jobs, z, dim, t.y, t.userRate, {
    ks,
    metric,
    window: opts.window ?? 5_000,
    userWindow: opts.userWindow ?? 1_000,
    from: warm,
    onProgress: (d, total) => opts.onProgress?.('neighbours', d, total),
  });
  opts.onProgress?.('model', 0, 1);
  const rows = (a: number, b: number) => range(a, b).filter((i) => t.y[i]! >= 0);
  const fitRows = rows(warm, fit);
  const calRows = rows(fit, train);
  // The model's inputs. "evidence": outcome rates and neighbour votes on a logit scale, which keep their meaning
  // as a cluster's workload drifts; "all" adds the normalised request and clock features (chosen on validation).
  const evidence = EVIDENCE.map((f) => FEATURES.indexOf(f)).filter((c) => keep.includes(c));
  const design = (kIdx: number, set: 'evidence' | 'all') => {
    const cols = set === 'all' ? dim + evidence.length + 2 : evidence.length + 2;
    const m = new Float32Array(n * cols);
    for (let i = warm; i < n; i++) {
      let o = i * cols;
      if (set === 'all') for (let c = 0; c < dim; c++) m[o++] = z[i * dim + c]!;
      for (const c of evidence) m[o++] = logit(t.x[i * D + c]!);
      m[o++] = logit(votes[i * 2 * ks.length + kIdx]!);
      m[o++] = logit(votes[(i * 2 + 1) * ks.length + kIdx]!);
    }
    return {
      m,
      cols,
      names: [
        ...(set === 'all' ? keep.map((c) => FEATURES[c]!) : []),
        ...evidence.map((c) => `logit_${FEATURES[c]!}`),
        'knn_cluster',
        'knn_user',
      ],
    };
  };
  let best = { kIdx: 0, set: 'evidence' as 'evidence' | 'all', learner: 'logistic' as Learner, auc: -1 };
  for (let kIdx = 0; kIdx < ks.length; kIdx++)
    for (const [set, learner] of CANDIDATES) {
      const { m, cols } = design(kIdx, set);
      const fitted = fitLearner(learner, m, cols, t.y, fitRows);
      const auc = rocAuc(
        calRows.map((i) => fitted.predict(i)),
        calRows.map((i) => t.y[i]!),
      );
      if (auc > best.auc) best = { kIdx, set, learner, auc };
    }
  const { m, cols, names } = design(best.kIdx, best.set);
  const fitted = fitLearner(best.learner, m, cols, t.y, fitRows);
  const raw = new Float64Array(n);
  for (let i = warm; i < n; i++) raw[i] = fitted.predict(i);
  const iso = fitIsotonic(
    calRows.map((i) => raw[i]!),
    calRows.map((i) => t.y[i]!),
  );
  const risk = raw.map((r, i) => (i < warm ? Number.NaN : applyIsotonic(iso, r)));
  const knnOnly = Float64Array.from({ length: n }, (_, i) => votes[i * 2 * ks.length + best.kIdx]!);
  const prior = fitRows.concat(calRows).reduce((s, i) => s + t.y[i]!, 0) / Math.max(1, fitRows.length + calRows.length);
  const scored: Scored[] = [
    { name: 'model', scores: risk },
    { name: 'majority', scores: new Float64Array(n).fill(prior), threshold: 0.5 },
    { name: 'user_history', scores: t.userRate },
    { name: 'knn', scores: knnOnly },
  ];
  const out = report(t.y, scored, {
    trainRows: rows(warm, train),
    testRows: rows(train, n),
    costRatio: opts.costRatio,
  });
  return {
    jobs: n,
    test_jobs: n - train,
    positives: out.positives,
    // Cancelled jobs in the test window (left out of the metrics), and in the whole trace.
    cancelled: range(train, n).filter((i) => t.y[i]! < 0).length,
    cancelled_total: t.y.filter((v) => v < 0).length,
    model: {
      ...out.results.model!,
      k: ks[best.kIdx]!,
      metric,
      inputs: best.set,
      learner: best.learner,
      validation_roc_auc: best.auc,
      explain: fitted.explain(names),
    },
    baselines: { majority: out.results.majority!, user_history: out.results.user_history!, knn: out.results.knn! },
    features: {
      kept: keep.map((c) => FEATURES[c]!),
      dropped: dropped.map(([c, twin]) => ({
        feature: FEATURES[c]!,
        correlated_with: FEATURES[twin]!,
        r: corr[c]![twin]!,
      })),
      correlation: { names: [...FEATURES], matrix: corr.map((r) => r.map((v) => Math.round(v * 1000) / 1000)) },
    },
    slices: { warm_up: warm, fit: fit - warm, calibration: train - fit, test: n - train },
    seconds: (Date.now() - t0) / 1000,
    test: {
      ids: range(train, n).map((i) => t.jobs[i]!.id),
      risk: Array.from(risk.subarray(train)),
      labels: Array.from(t.y.subarray(train)),
      user_history: Array.from(t.userRate.subarray(train)),
      knn: Array.from(knnOnly.subarray(train)),
    },
  };
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
}
