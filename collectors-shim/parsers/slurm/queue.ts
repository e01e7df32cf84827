// Queue counts from squeue (text or JSON): slurm_queue (per partition, state, reason), slurm_user_queue (per user)
// and slurm_jobs (cluster totals). squeue --json also lists finished jobs still in memory: they are left out.
import { type Point, int } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext } from '../types.ts';
import { withTags } from './common.ts';

export interface QueueJob {
  id: number;
  partition: string;
  state: string;
  user: string;
  nodes: number;
  cpus: number;
  submitMs?: number;
  reason: string;
}

export const FINISHED = new Set([
  'COMPLETED',
  'FAILED',
  'TIMEOUT',
  'OUT_OF_MEMORY',
  'CANCELLED',
  'NODE_FAIL',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
  'REVOKED',
]);

interface Tally {
  jobs: number;
  cpus: number;
  nodes: number;
  waitMax: number;
  waitSum: number;
}
const tally = (): Tally => ({ jobs: 0, cpus: 0, nodes: 0, waitMax: 0, waitSum: 0 });

function add(t: Tally, j: QueueJob, wait: number | undefined) {
  t.jobs++;
  t.cpus += j.cpus;
  t.nodes += j.nodes;
  if (wait !== undefined) {
    t.waitMax = Math.max(t.waitMax, wait);
    t.waitSum += wait;
  }
}

export function queuePoints(all: QueueJob[], ctx: ParseContext): Point[] {
  const jobs = all.filter((j) => !FINISHED.has(j.state));
  const byKey = new Map<string, { tags: Record<string, string>; t: Tally }>();
  const byUser = new Map<string, Record<'running' | 'pending' | 'other', Tally>>();
  const total = { running: tally(), pending: tally(), suspended: tally(), completing: tally(), other: tally() };
  for (const j of jobs) {
    const pending = j.state === 'PENDING';
    // Wait time of a pending job: how long since it was submitted, in seconds.
    const wait = pending && j.submitMs ? Math.max(0, (ctx.now - j.submitMs) / 1000) : undefined;
    const key = `${j.partition}\u0000${j.state}\u0000${j.reason}`;
    let e = byKey.get(key);
    if (!e)
      byKey.set(
        key,
        (e = { tags: { partition: j.partition, state: j.state.toLowerCase(), reason: j.reason }, t: tally() }),
      );
    add(e.t, j, wait);
    let u = byUser.get(j.user);
    if (!u) byUser.set(j.user, (u = { running: tally(), pending: tally(), other: tally() }));
    add(j.state === 'RUNNING' ? u.running : pending ? u.pending : u.other, j, wait);
    const s = j.state.toLowerCase();
    add(s in total ? total[s as keyof typeof total] : total.other, j, wait);
  }
  const points: Point[] = [];
  for (const { tags, t } of byKey.values())
    points.push({
      measurement: 'slurm_queue',
      tags: withTags(ctx.tags, tags),
      fields: {
        jobs: int(t.jobs),
        cpus: int(t.cpus),
        nodes: int(t.nodes),
        ...(tags.state === 'pending' ? { wait_max_s: t.waitMax, wait_mean_s: t.waitSum / t.jobs } : {}),
      },
      time: ctx.now,
    });
  for (const [user, u] of byUser)
    points.push({
      measurement: 'slurm_user_queue',
      tags: withTags(ctx.tags, { user }),
      fields: {
        running_jobs: int(u.running.jobs),
        running_cpus: int(u.running.cpus),
        pending_jobs: int(u.pending.jobs),
        pending_cpus: int(u.pending.cpus),
        other_jobs: int(u.other.jobs),
        pending_wait_max_s: u.pending.waitMax,
      },
      time: ctx.now,
    });
  points.push({
    measurement: 'slurm_jobs',
    tags: { ...ctx.tags },
    fields: {
      total: int(jobs.length),
      running: int(total.running.jobs),
      pending: int(total.pending.jobs),
      suspended: int(total.suspended.jobs),
      completing: int(total.completing.jobs),
      other: int(total.other.jobs),
      running_cpus: int(total.running.cpus),
      pending_cpus: int(total.pending.cpus),
      pending_wait_max_s: total.pending.waitMax,
    },
    time: ctx.now,
  });
  return points;
}
