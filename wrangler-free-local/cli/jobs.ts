// `nomad import` and `nomad evaluate`: job traces into NOMAD job records, and the time-ordered failure-risk evaluation.
import { writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { curvesCsv, curvesSvg } from '../../functions/_lib/jobs/curves.ts';
import { evaluateJobs } from '../../functions/_lib/jobs/evaluate.ts';
import { type JobRecord, JOB_STATES } from '../../functions/_lib/jobs/record.ts';
import { TRACE_FORMATS, type TraceFormat, importTraceFile } from '../jobs-files.ts';
import { CliError, table } from './output.ts';

export interface JobsArgs {
  format?: string;
  file?: string;
  json?: boolean;
  roc?: string;
  plot?: string;
  k?: string;
  'cost-ratio'?: string;
  metric?: string;
}

function traceArgs(a: JobsArgs, cmd: string): { format: TraceFormat; file: string } {
  const usage = `usage: nomad ${cmd} --format ${TRACE_FORMATS.join('|')} FILE`;
  if (!a.format || !(TRACE_FORMATS as readonly string[]).includes(a.format))
    throw new CliError(`--format: expected one of ${TRACE_FORMATS.join(', ')}; ${usage}`, 2);
  if (!a.file) throw new CliError(usage, 2);
  return { format: a.format as TraceFormat, file: a.file };
}

const FIELDS = ['group', 'queue', 'app', 'req_cpus', 'req_mem_mb', 'req_gpus', 'req_time_s', 'start', 'end'] as const;
const MORE = ['exit_code', 'used_cpu_s', 'used_mem_mb', 'alloc_cpus'] as const;

export function summarise(jobs: JobRecord[]) {
  const states = Object.fromEntries(JOB_STATES.map((s) => [s, jobs.filter((j) => j.state === s).length]));
  let lo = Infinity;
  let hi = -Infinity;
  for (const j of jobs) {
    lo = Math.min(lo, j.submit);
    hi = Math.max(hi, j.end ?? j.submit);
  }
  const coverage = Object.fromEntries(
    [...FIELDS, ...MORE].map((f) => [f, jobs.length ? jobs.filter((j) => j[f] !== null).length / jobs.length : 0]),
  );
  const iso = (s: number) => (Number.isFinite(s) ? new Date(s * 1000).toISOString() : null);
  return {
    jobs: jobs.length,
    users: new Set(jobs.map((j) => j.user)).size,
    states,
    from: iso(lo),
    to: iso(hi),
    coverage,
  };
}

export async function importCommand(a: JobsArgs): Promise<string> {
  const { format, file } = traceArgs(a, 'import');
  const { jobs, problems } = await importTraceFile(format, file);
  const s = { ...summarise(jobs), problems: problems.length, first_problems: problems.slice(0, 10) };
  if (a.json) return JSON.stringify(s, null, 2);
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return [
    `${s.jobs} jobs, ${s.users} users, submitted ${s.from} to ${s.to}; ${s.problems} lines skipped`,
    ...s.first_problems.map((p) => `  line ${p.line}: ${p.reason}`),
    '',
    table(Object.entries(s.states).map(([state, jobs]) => ({ state, jobs }))),
    '',
    table(Object.entries(s.coverage).map(([field, v]) => ({ field, coverage: pct(v) }))),
  ].join('\n');
}

/** A bar on a terminal, a plain line every 10% otherwise; both on stderr so stdout stays JSON. */
function progress() {
  const tty = process.stderr.isTTY;
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: '{phase} [{bar}] {percentage}%', stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let phase = '';
  let lastTenth = -1;
  return {
    update(p: string, done: number, total: number) {
      if (p !== phase) {
        bar?.stop();
        bar?.start(total, 0, { phase: p });
        phase = p;
        lastTenth = -1;
      }
      bar?.update(done, { phase: p });
      const tenth = Math.floor((10 * done) / Math.max(1, total));
      if (!bar && tenth > lastTenth) {
        process.stderr.write(`${p}: ${Math.round((100 * done) / Math.max(1, total))}%\n`);
        lastTenth = tenth;
      }
    },
    stop: () => bar?.stop(),
  };
}

export async function evaluateCommand(a: JobsArgs): Promise<string> {
  const { format, file } = traceArgs(a, 'evaluate');
  const num = (name: keyof JobsArgs, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${name}: "${v}" is not a positive number`, 2);
    return n;
  };
  const k = num('k', a.k);
  const costRatio = num('cost-ratio', a['cost-ratio']);
  const metric = a.metric ?? 'euclidean';
  if (metric !== 'euclidean' && metric !== 'cosine')
    throw new CliError(`--metric: expected euclidean or cosine, not "${metric}"`, 2);
  const t0 = Date.now();
  const { jobs, problems } = await importTraceFile(format, file);
  if (jobs.length < 100) throw new CliError(`${file}: ${jobs.length} jobs; the evaluation needs at least 100`);
  const bar = progress();
  const r = evaluateJobs(jobs, {
    k: k && Math.round(k),
    costRatio,
    metric,
    onProgress: bar.update,
  });
  bar.stop();
  const { test, ...result } = r;
  const out = { ...result, skipped_lines: problems.length, seconds: (Date.now() - t0) / 1000 };
  const labelled = test.labels.map((l, i) => [l, i] as const).filter(([l]) => l >= 0);
  const scorers = (['risk', 'user_history', 'knn'] as const).map((key) => ({
    name: key === 'risk' ? 'model' : key,
    scores: labelled.map(([, i]) => test[key][i]!),
  }));
  const y = labelled.map(([l]) => l);
  if (a.roc) writeFileSync(a.roc, curvesCsv(y, scorers));
  if (a.plot) writeFileSync(a.plot, curvesSvg(y, scorers, `${file}: failure risk on the test window`));
  if (a.json) return JSON.stringify(out, null, 2);
  const row = (
    name: string,
    m: { roc_auc: number; pr_auc: number; precision: number; recall: number; f1: number; threshold: number },
  ) => ({
    scorer: name,
    roc_auc: m.roc_auc.toFixed(3),
    pr_auc: m.pr_auc.toFixed(3),
    precision: m.precision.toFixed(3),
    recall: m.recall.toFixed(3),
    f1: m.f1.toFixed(3),
    threshold: m.threshold.toFixed(3),
  });
  return [
    `${out.jobs} jobs, ${out.test_jobs} in the test window (${out.positives} failures, ${out.cancelled} cancelled left out); k = ${out.model.k}, ${out.seconds.toFixed(1)} s`,
    table([
      row('model', out.model),
      row('majority', out.baselines.majority),
      row('user history', out.baselines.user_history),
      row(`k-NN alone (k=${out.model.k})`, out.baselines.knn),
    ]),
    `model: ECE ${out.model.ece.toFixed(3)}, Type 1 ${out.model.type1.toFixed(3)}, Type 2 ${out.model.type2.toFixed(3)}, confusion ${JSON.stringify(out.model.confusion)}`,
  ].join('\n');
}
