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

function add1(t: Tally, j: QueueJob, wait: number | undefined) {
  t.jobs++;
  t.cpus += j.cpus;
  t.nodes += j.nodes;
  if (wait !== undefined) {
    t.waitMax = Math.max(t.waitMax, wait);
    t.waitSum += wait;
  }
}

export function queuePoints(all: QueueJob[], ctx: ParseContext): Point[] {
  const q = queueTally(ctx);
  for (const j of all) q.add(j);
  return q.points();
}

/**
 * Counts jobs one at a time, so a parser can hand each job over as it reads it and a 20,000-job queue is never held
 * as 20,000 objects. Finished jobs (squeue --json lists those still in memory) are left out.
 */
export function queueTally(ctx: ParseContext): { add: (j: QueueJob) => void; points: () => Point[] } {
  const byKey = new Map<string, { tags: Record<string, string>; t: Tally }>();
  const byUser = new Map<string, Record<'running' | 'pending' | 'other', Tally>>();
  const total = { running: tally(), pending: tally(), suspended: tally(), completing: tally(), other: tally() };
  let count = 0;
  const add = (j: QueueJob) => {
    if (FINISHED.has(j.state)) return;
    count++;
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
    add1(e.t, j, wait);
    let u = byUser.get(j.user);
    if (!u) byUser.set(j.user, (u = { running: tally(), pending: tally(), other: tally() }));
    add1(j.state === 'RUNNING' ? u.running : pending ? u.pending : u.other, j, wait);
    const s = e.tags.state!;
    add1(s in total ? total[s as keyof typeof total] : total.other, j, wait);
  };
  return { add, points: () => tallyPoints(ctx, byKey, byUser, total, count) };
}

function tallyPoints(
  ctx: ParseContext,
  byKey: Map<string, { tags: Record<string, string>; t: Tally }>,
  byUser: Map<string, Record<'running' | 'pending' | 'other', Tally>>,
  total: Record<'running' | 'pending' | 'suspended' | 'completing' | 'other', Tally>,
  count: number,
): Point[] {
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
      total: int(count),
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
