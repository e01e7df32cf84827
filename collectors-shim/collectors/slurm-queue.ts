// Queue counts from one squeue call per cycle.
import { COMMANDS } from '../parsers/slurm/commands.ts';
import { queuePoints } from '../parsers/slurm/queue.ts';
import { readSqueueJson } from '../parsers/slurm/squeue-json.ts';
import { readSqueueText } from '../parsers/slurm/squeue.ts';
import { type Format, failed, runPreferJson } from './slurm-run.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export function slurmQueueCollector(opts: { format: Format }): Collector {
  return {
    name: 'slurm_queue',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const { format, result } = await runPreferJson(ctx, opts.format, COMMANDS['squeue-json'], COMMANDS.squeue);
      if (!result.ok) return { points: [], problems: [], error: failed(result) };
      if (format === 'json') {
        const r = readSqueueJson(result.stdout);
        if (!r.ok) return { points: [], problems: r.problems, error: 'squeue --json printed nothing readable' };
        return { points: queuePoints(r.jobs, ctx), problems: r.problems };
      }
      const r = readSqueueText(result.stdout);
      return { points: queuePoints(r.jobs, ctx), problems: r.problems };
    },
  };
}
