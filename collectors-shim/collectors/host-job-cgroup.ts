// Per-job metrics from every SLURM job's cgroup on this node. v1: job_<id> folders under the memory hierarchy, read
// together with the same relative folder under cpuacct and blkio. v2: job_<id> folders anywhere under the root
// (slurmstepd.scope/job_N). Folders below a job (steps) are its own and are not searched further.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { jobCgroupPoint, readJobCgroup } from '../parsers/host/cgroup.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface JobCgroupOptions {
  root: string;
  version: 'auto' | '1' | '2';
  maxDepth: number;
}

const V1_CONTROLLERS = ['memory', 'cpuacct', 'blkio'];

/** job_<id> folders under `dir`, at most `depth` levels down; a job folder is not entered. */
export async function findJobDirs(dir: string, depth: number): Promise<string[]> {
  if (depth < 0) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    if (/^job_\d+$/.test(e.name)) found.push(join(dir, e.name));
    else found.push(...(await findJobDirs(join(dir, e.name), depth - 1)));
  }
  return found;
}

export const detectVersion = (root: string): 1 | 2 => (existsSync(join(root, 'memory')) ? 1 : 2);

export function jobCgroupCollector(opts: JobCgroupOptions): Collector {
  return {
    name: 'job_cgroup',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      if (!existsSync(opts.root)) return { points: [], problems: [], error: `${opts.root} does not exist` };
      const version = opts.version === 'auto' ? detectVersion(opts.root) : Number(opts.version);
      let jobs: string[][];
      if (version === 1) {
        const memoryRoot = join(opts.root, 'memory');
        const dirs = await findJobDirs(memoryRoot, opts.maxDepth);
        jobs = dirs.map((d) =>
          V1_CONTROLLERS.map((c) => join(opts.root, c, relative(memoryRoot, d))).filter((p) => existsSync(p)),
        );
      } else {
        jobs = (await findJobDirs(opts.root, opts.maxDepth)).map((d) => [d]);
      }
      const read = jobs.map((dirs) => readJobCgroup(dirs));
      // Sorted by job id, each job gets a distinct `slot` this cycle (see jobCgroupPoint).
      const found = read.flatMap((r) => (r.job ? [r.job] : [])).sort((a, b) => (a.jobId ?? 0) - (b.jobId ?? 0));
      // A job that ends during the scan loses its folder: that is normal, not a problem worth logging.
      const problems = read.flatMap((r) => r.problems).filter((p) => !/may have ended/.test(p.reason));
      return { points: found.map((job, i) => jobCgroupPoint(job, ctx, i)), problems };
    },
  };
}
