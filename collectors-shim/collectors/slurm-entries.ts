// The SLURM collectors the shim schedules. Each runs at most one SLURM command per cycle (slurmctld is shared).
import { slurmDiagCollector } from './slurm-diag.ts';
import { slurmFairshareCollector } from './slurm-fairshare.ts';
import { slurmJobsCollector } from './slurm-jobs.ts';
import { slurmNodesCollector } from './slurm-nodes.ts';
import { slurmQueueCollector } from './slurm-queue.ts';
import type { CollectorEntry } from './entry.ts';

export const slurmEntries: CollectorEntry[] = [
  {
    name: 'slurm_queue',
    settings: (c) => c.collectors.slurm_queue,
    build: (c) => slurmQueueCollector({ format: c.collectors.slurm_queue.format }),
  },
  {
    name: 'slurm_jobs',
    settings: (c) => c.collectors.slurm_jobs,
    build: (c) => {
      const s = c.collectors.slurm_jobs;
      return slurmJobsCollector({
        format: s.format,
        overlapMs: s.overlap,
        initialLookbackMs: s.initial_lookback,
        includeRunning: s.include_running,
      });
    },
  },
  {
    name: 'slurm_nodes',
    settings: (c) => c.collectors.slurm_nodes,
    build: (c) => slurmNodesCollector(c.collectors.slurm_nodes),
  },
  {
    name: 'slurm_diag',
    settings: (c) => c.collectors.slurm_diag,
    build: (c) => slurmDiagCollector({ format: c.collectors.slurm_diag.format }),
  },
  {
    name: 'slurm_fairshare',
    settings: (c) => c.collectors.slurm_fairshare,
    build: () => slurmFairshareCollector(),
  },
];
