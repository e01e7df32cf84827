// Config of the SLURM collectors ([collectors.<name>] in nomad.toml). Owned by the SLURM collectors.
// `format`: "auto" uses --json where the installed Slurm has it (detected once, cached), "json" or "text" force one.
import { z } from 'zod';
import { collectorBase, duration } from './common.ts';

const format = z.enum(['auto', 'json', 'text']).default('auto');

export const slurmCollectorsSchema = z.object({
  /** squeue: counts per partition, state and reason; per user; pending wait times. */
  slurm_queue: collectorBase('60s', '30s').extend({ format }).strict().prefault({}),
  /**
   * sacct: finished jobs since a cursor kept in the state folder, re-read with `overlap` so none is missed.
   * `include_running` adds a snapshot point per running and pending job, which makes every call read the whole queue.
   */
  slurm_jobs: collectorBase('120s', '60s')
    .extend({
      format,
      overlap: duration.prefault('10m'),
      initial_lookback: duration.prefault('1h'),
      include_running: z.boolean().default(false),
    })
    .strict()
    .prefault({}),
  /** sinfo (or scontrol show node): node state, CPUs, load, memory, GPUs; partition totals from the same call. */
  slurm_nodes: collectorBase('60s', '30s')
    .extend({ format, source: z.enum(['sinfo', 'scontrol']).default('sinfo'), partitions: z.boolean().default(true) })
    .strict()
    .prefault({}),
  /** sdiag: scheduler health. */
  slurm_diag: collectorBase('60s', '30s').extend({ format }).strict().prefault({}),
  /** sshare: fairshare per account and user (usage moves at each PriorityCalcPeriod, 5 min by default). */
  slurm_fairshare: collectorBase('300s', '30s').strict().prefault({}),
});
