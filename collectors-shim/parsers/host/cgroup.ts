// A SLURM job's cgroup, v1 or v2, into `nomad_job_cgroup`: CPU time, memory current/peak/max, OOM events, I/O bytes.
// Input is one or more directories (one per line): the job folder under cgroup v2, or under v1 the job's folder in
// each controller hierarchy (memory, cpuacct, blkio), merged into one point. The job id is a field, never a tag.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { problem } from './util.ts';

type Fields = Record<string, number>;
const USER_HZ = 100; // cpuacct.stat ticks; 100 on every Linux architecture SLURM runs on
const UNLIMITED = 2 ** 62; // v1 prints 9223372036854771712 for "no limit"

function read(dir: string, file: string): string | undefined {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    return undefined;
  }
}
/** `key value` lines (cpu.stat, memory.stat, memory.events, memory.oom_control, cpuacct.stat). */
function keyed(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of (text ?? '').split('\n')) {
    const m = /^(\S+)\s+(\d+)$/.exec(l.trim());
    if (m) out[m[1] ?? ''] = Number(m[2]);
  }
  return out;
}
const single = (text: string | undefined): number | undefined =>
  text && /^\d+\s*$/.test(text) ? Number(text) : undefined;
const cpuCount = (list: string | undefined): number | undefined =>
  list?.trim()
    ? list
        .trim()
        .split(',')
        .reduce((n, r) => {
          const [a, b] = r.split('-').map(Number);
          return n + (b === undefined ? 1 : b - (a ?? 0) + 1);
        }, 0)
    : undefined;

/** v1 counts OOM kills where they happen (a step), not in the job: add up the whole subtree. */
function subtreeOomKills(dir: string): number {
  let n = keyed(read(dir, 'memory.oom_control')).oom_kill ?? 0;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isDirectory()) n += subtreeOomKills(join(dir, e.name));
  return n;
}

function readV2(dir: string, f: Fields): void {
  const cpu = keyed(read(dir, 'cpu.stat'));
  if (cpu.usage_usec !== undefined)
    Object.assign(f, {
      cpu_usage_seconds: cpu.usage_usec / 1e6,
      cpu_user_seconds: (cpu.user_usec ?? 0) / 1e6,
      cpu_system_seconds: (cpu.system_usec ?? 0) / 1e6,
    });
  if (cpu.throttled_usec !== undefined) f.cpu_throttled_seconds = cpu.throttled_usec / 1e6;
  const set = (k: string, v: number | undefined) => v !== undefined && (f[k] = v);
  set('memory_current', single(read(dir, 'memory.current')));
  set('memory_peak', single(read(dir, 'memory.peak')));
  set('memory_max', single(read(dir, 'memory.max'))); // "max" (no limit) is not a number and is left out
  set('swap_current', single(read(dir, 'memory.swap.current')));
  const stat = keyed(read(dir, 'memory.stat'));
  set('memory_anon', stat.anon);
  set('memory_file', stat.file);
  const events = keyed(read(dir, 'memory.events')); // hierarchical: includes the steps
  set('oom_events', events.oom);
  set('oom_kills', events.oom_kill);
  set('memory_max_events', events.max);
  const io = read(dir, 'io.stat');
  if (io !== undefined) {
    const sum = { rbytes: 0, wbytes: 0, rios: 0, wios: 0 };
    for (const m of io.matchAll(/\b(rbytes|wbytes|rios|wios)=(\d+)/g)) sum[m[1] as keyof typeof sum] += Number(m[2]);
    Object.assign(f, {
      io_read_bytes: sum.rbytes,
      io_write_bytes: sum.wbytes,
      io_read_ops: sum.rios,
      io_write_ops: sum.wios,
    });
  }
  set('cpus', cpuCount(read(dir, 'cpuset.cpus.effective')));
}

function readV1(dir: string, f: Fields): void {
  const set = (k: string, v: number | undefined) => v !== undefined && (f[k] = v);
  const ns = single(read(dir, 'cpuacct.usage'));
  if (ns !== undefined) f.cpu_usage_seconds = ns / 1e9;
  const ticks = keyed(read(dir, 'cpuacct.stat'));
  if (ticks.user !== undefined)
    [f.cpu_user_seconds, f.cpu_system_seconds] = [ticks.user / USER_HZ, (ticks.system ?? 0) / USER_HZ];
  if (existsSync(join(dir, 'memory.usage_in_bytes'))) {
    set('memory_current', single(read(dir, 'memory.usage_in_bytes')));
    set('memory_peak', single(read(dir, 'memory.max_usage_in_bytes')));
    const max = single(read(dir, 'memory.limit_in_bytes'));
    if (max !== undefined && max < UNLIMITED) f.memory_max = max;
    const stat = keyed(read(dir, 'memory.stat'));
    set('memory_anon', stat.total_rss ?? stat.rss);
    set('memory_file', stat.total_cache ?? stat.cache);
    set('swap_current', stat.total_swap ?? stat.swap);
    set('memory_max_events', single(read(dir, 'memory.failcnt')));
    f.oom_kills = subtreeOomKills(dir);
  }
  const bytes = read(dir, 'blkio.throttle.io_service_bytes_recursive') ?? read(dir, 'blkio.throttle.io_service_bytes');
  const ops = read(dir, 'blkio.throttle.io_serviced_recursive') ?? read(dir, 'blkio.throttle.io_serviced');
  const sum = (text: string, op: string) =>
    [...text.matchAll(new RegExp(`^\\d+:\\d+ ${op} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  if (bytes !== undefined) [f.io_read_bytes, f.io_write_bytes] = [sum(bytes, 'Read'), sum(bytes, 'Write')];
  if (ops !== undefined) [f.io_read_ops, f.io_write_ops] = [sum(ops, 'Read'), sum(ops, 'Write')];
}

export interface JobCgroup {
  jobId?: number;
  uid?: number;
  version: 1 | 2;
  fields: Fields;
  /** The first folder read: tells two SLURM daemons' jobs with one id apart when debugging. */
  path: string;
}

/** Reads the given folders of one job; problems name a folder that is missing or holds no cgroup file. */
export function readJobCgroup(dirs: string[]): { job?: JobCgroup; problems: Problem[] } {
  const problems: Problem[] = [];
  const fields: Fields = {};
  let version: 1 | 2 = 1;
  let jobId: number | undefined;
  let uid: number | undefined;
  dirs.forEach((dir, i) => {
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      return void problems.push(problem(i + 1, dir, 'not a directory (the job may have ended)'));
    const before = Object.keys(fields).length;
    const v2 =
      existsSync(join(dir, 'memory.current')) ||
      existsSync(join(dir, 'cpu.stat')) ||
      existsSync(join(dir, 'cgroup.controllers')) ||
      existsSync(join(dir, 'io.stat'));
    if (v2) version = 2;
    (v2 ? readV2 : readV1)(dir, fields);
    if (Object.keys(fields).length === before)
      problems.push(problem(i + 1, dir, 'no cgroup statistics in this directory'));
    jobId ??= Number(/^job_(\d+)$/.exec(basename(dir))?.[1] ?? NaN) || undefined;
    const u = /\/uid_(\d+)\//.exec(dir)?.[1];
    if (u !== undefined) uid ??= Number(u);
  });
  if (Object.keys(fields).length === 0) return { problems };
  return { job: { jobId, uid, version, fields, path: dirs[0] ?? '' }, problems };
}

/** Integer counters and bytes stay integers; seconds are floats. */
export function jobCgroupPoint(job: JobCgroup, ctx: ParseContext, slot: number): Point {
  const fields: Point['fields'] = {
    job_id: job.jobId === undefined ? undefined : { int: job.jobId },
    uid: job.uid === undefined ? undefined : { int: job.uid },
    path: job.path,
  };
  for (const [k, v] of Object.entries(job.fields)) fields[k] = k.endsWith('_seconds') ? v : { int: v };
  // `slot` (the job's rank among this node's jobs this cycle) keeps two jobs' points apart at one timestamp
  // without a tag per job id: it is bounded by how many jobs a node runs at once.
  return {
    measurement: 'nomad_job_cgroup',
    tags: { ...ctx.tags, cgroup: `v${job.version}`, slot: String(slot) },
    fields,
    time: ctx.now,
  };
}

export const cgroupParser: Parser = {
  name: 'cgroup',
  command: 'a directory: /sys/fs/cgroup/…/job_<id> (v2), or its memory, cpuacct and blkio folders (v1), one per line',
  description: "a SLURM job's CPU time, memory current/peak/limit, OOM events and I/O bytes from its cgroup",
  parse(text: string, ctx: ParseContext): ParseResult {
    const dirs = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (dirs.length === 0)
      return { points: [], problems: [problem(0, '', 'empty input: give the job cgroup directory')] };
    const { job, problems } = readJobCgroup(dirs);
    return { points: job ? [jobCgroupPoint(job, ctx, 0)] : [], problems };
  },
};
