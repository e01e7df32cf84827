// `sacct -a --json -S <cursor> -E now`, Slurm 21.08 to 24.x: state a string or a list under `state.current`,
// numbers plain or `{set, infinite, number}`, TRES as `{type, name, count}` lists (mem in MB), steps' MaxRSS in bytes.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { commandLine, sacctArgs } from './commands.ts';
import { epochMs, jsonErrors, num, parseJson, states, str } from './common.ts';
import { type JobRecord, jobPoint } from './job.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `[{type:'mem',count:64},{type:'gres',name:'gpu',count:2}]` → `{ mem: bytes, 'gres/gpu': 2 }`. */
export function tresList(v: unknown, memUnit = 1024 * 1024): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of list(v)) {
    const o = obj(t);
    const type = str(o.type);
    const count = num(o.count);
    if (!type || count === undefined || count < 0) continue;
    const name = str(o.name);
    const key = name ? `${type}/${name}` : type;
    out[key] = type === 'mem' ? count * memUnit : count;
  }
  return out;
}

/**
 * Slurm before 23.02 (openapi dbv0.0.38 and older) prints `exit_code: {status: SUCCESS, return_code: 0}` even for a
 * job that exited 3 (seen on 22.05.8 here and 22.05.9 at narval): its exit codes cannot be trusted.
 */
export function losesExitCodes(data: Record<string, unknown>): boolean {
  const meta = obj(data.meta);
  const major = num(obj(obj(obj(meta.Slurm ?? meta.slurm).version)).major);
  return major !== undefined && major < 23;
}

export function readSacctJob(raw: unknown, trustExitCode = true): JobRecord | undefined {
  const j = obj(raw);
  const idRaw = num(j.job_id);
  const state = states(j.state)[0];
  if (idRaw === undefined || !state) return undefined;
  const array = obj(j.array);
  const arrayJob = num(array.job_id);
  const task = num(array.task_id);
  const time = obj(j.time);
  const exit = obj(j.exit_code);
  const sig = obj(exit.signal);
  const alloc = tresList(obj(j.tres).allocated);
  const elapsed = num(time.elapsed);
  const limit = num(time.limit);
  const total = obj(time.total);
  let maxRss: number | undefined;
  let stepCpu = 0; // 22.05 leaves the job's own time.total at 0 and fills the steps'
  for (const step of list(j.steps)) {
    const t = obj(obj(obj(step).time).total);
    stepCpu += (num(t.seconds) ?? 0) + (num(t.microseconds) ?? 0) / 1e6;
    const rss = tresList(obj(obj(obj(step).tres).requested).max, 1).mem; // step maxima are bytes already
    if (rss !== undefined) maxRss = Math.max(maxRss ?? 0, rss);
  }
  const cpus = alloc.cpu ?? num(obj(j.required).CPUs);
  return {
    idRaw,
    jobId: arrayJob && task !== undefined ? `${arrayJob}_${task}` : String(idRaw),
    name: str(j.name),
    user: str(j.user) ?? str(obj(j.association).user),
    account: str(j.account) || undefined,
    partition: str(j.partition) || undefined,
    qos: str(j.qos) || undefined,
    state: state.toUpperCase(),
    reason: str(obj(j.state).reason),
    exitCode: trustExitCode ? num(exit.return_code) : undefined,
    signal: num(sig.signal_id) ?? num(sig.id),
    submitMs: epochMs(time.submission),
    startMs: epochMs(time.start),
    endMs: epochMs(time.end),
    elapsedS: elapsed,
    timelimitS: limit === undefined ? undefined : limit * 60,
    nodes: num(j.allocation_nodes),
    cpus,
    reqTres: tresList(obj(j.tres).requested),
    allocTres: alloc,
    maxRssBytes: maxRss,
    totalCpuS: Math.max((num(total.seconds) ?? 0) + (num(total.microseconds) ?? 0) / 1e6, stepCpu),
    cpuTimeS: elapsed !== undefined && cpus !== undefined ? elapsed * cpus : undefined,
    nodeList: str(j.nodes),
  };
}

export function readSacctJson(text: string): { jobs: JobRecord[]; problems: Problem[]; lossy?: boolean } {
  const { data, problem } = parseJson(text);
  if (!data) return { jobs: [], problems: [problem!] };
  const lossy = losesExitCodes(data);
  const problems = jsonErrors(data);
  if (!Array.isArray(data.jobs))
    return { jobs: [], problems: [...problems, { line: 1, text: '', reason: 'no "jobs" array' }] };
  const jobs: JobRecord[] = [];
  data.jobs.forEach((raw: unknown, i: number) => {
    const job = readSacctJob(raw, !lossy);
    if (job) jobs.push(job);
    else problems.push({ line: 0, text: `jobs[${i}]`, reason: 'job without job_id or state' });
  });
  return { jobs, problems, lossy };
}

export const sacctJsonParser: Parser = {
  name: 'sacct-json',
  command: commandLine('sacct', sacctArgs(true, '<cursor>')),
  description:
    'one slurm_job point per job: state, exit code, times, limits, requested/allocated TRES, MaxRSS (JSON, Slurm 21.08-24.x)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { jobs, problems } = readSacctJson(text);
    return { points: jobs.map((j) => jobPoint(j, ctx)), problems };
  },
};
