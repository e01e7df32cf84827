// One slurm_job point per job (sacct, scontrol). Job id, name and user are FIELDS, never tags (series
// cardinality); tags hold only bounded values. The time is the job's end (or now, while it runs) plus a sub-second
// offset from the job id, and `slot` spreads ids further, so jobs ending in the same second never overwrite.
import { type Point, int } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext } from '../types.ts';
import { gpus, jobSlot, jobTime, withTags } from './common.ts';

export interface JobRecord {
  idRaw: number;
  jobId: string;
  name?: string;
  user?: string;
  account?: string;
  partition?: string;
  qos?: string;
  /** Base state (`CANCELLED`), upper case; `stateDetail` keeps what Slurm printed (`CANCELLED by 0`). */
  state: string;
  stateDetail?: string;
  exitCode?: number;
  signal?: number;
  submitMs?: number;
  startMs?: number;
  endMs?: number;
  elapsedS?: number;
  timelimitS?: number;
  nodes?: number;
  cpus?: number;
  reqTres?: Record<string, number>;
  allocTres?: Record<string, number>;
  maxRssBytes?: number;
  totalCpuS?: number;
  cpuTimeS?: number;
  nodeList?: string;
  reason?: string;
}

// Small integers (counts, exit codes, seconds) recur in every point: one shared wrapper each, fewer objects to collect.
const SMALL = Array.from({ length: 4096 }, (_, n) => int(n));
const i = (n: number | undefined) => {
  if (n === undefined || !Number.isFinite(n)) return undefined;
  const r = Math.round(n);
  return r >= 0 && r < 4096 ? SMALL[r] : int(r);
};
const sec = (ms: number | undefined) => (ms === undefined ? undefined : int(Math.floor(ms / 1000)));
/** GPUs in a TRES map, as gpus() reads its `key=value` string; only keys naming a GPU can count. */
function tresGpus(t: Record<string, number> | undefined): number | undefined {
  if (!t) return undefined;
  let parts = '';
  for (const k in t) if (k.includes('gpu')) parts += `${parts ? ',' : ''}${k}=${t[k]}`;
  return parts ? gpus(parts) : 0;
}

export function jobPoint(j: JobRecord, ctx: ParseContext): Point {
  const at = j.endMs ?? ctx.now;
  const wait = j.startMs !== undefined && j.submitMs !== undefined ? (j.startMs - j.submitMs) / 1000 : undefined;
  return {
    measurement: 'slurm_job',
    tags: withTags(ctx.tags, {
      partition: j.partition,
      state: j.state.toLowerCase(),
      account: j.account,
      qos: j.qos,
      slot: jobSlot(j.idRaw),
    }),
    fields: {
      job_id: j.jobId,
      job_id_raw: i(j.idRaw),
      name: j.name,
      user: j.user,
      state_detail: j.stateDetail ?? j.state, // `CANCELLED by 0`; the tag `state` holds the base state
      reason: j.reason,
      exit_code: i(j.exitCode),
      signal: i(j.signal),
      submit_time: sec(j.submitMs),
      start_time: sec(j.startMs),
      end_time: sec(j.endMs),
      wait_s: i(wait),
      elapsed_s: i(j.elapsedS),
      timelimit_s: i(j.timelimitS),
      nodes: i(j.nodes),
      cpus: i(j.cpus),
      req_cpus: i(j.reqTres?.cpu),
      req_mem_bytes: i(j.reqTres?.mem),
      req_gpus: i(tresGpus(j.reqTres)),
      alloc_cpus: i(j.allocTres?.cpu),
      alloc_mem_bytes: i(j.allocTres?.mem),
      alloc_gpus: i(tresGpus(j.allocTres)),
      max_rss_bytes: i(j.maxRssBytes),
      total_cpu_s: j.totalCpuS,
      cpu_time_s: i(j.cpuTimeS),
      cpu_efficiency: j.totalCpuS !== undefined && j.cpuTimeS ? j.totalCpuS / j.cpuTimeS : undefined,
      node_list: j.nodeList,
    },
    time: jobTime(at / 1000, j.idRaw),
  };
}

/** `CANCELLED by 1002` → `CANCELLED`; `PENDING` stays. */
export const baseState = (s: string): string => s.split(/[\s+]/)[0]?.toUpperCase() ?? s;
