// Queue counts from one squeue call per cycle. `auto` reads text: squeue --json adds nothing these points use, costs
// slurmctld far more, and grows to ~4 KB a job (80 MB and 700 ms of JSON.parse at 20,000 jobs, past the shim's
// 64 MB output cap). `format = "json"` still reads squeue --json.
import { COMMANDS } from '../parsers/slurm/commands.ts';
import { queuePoints, queueTally } from '../parsers/slurm/queue.ts';
import { readSqueueJson } from '../parsers/slurm/squeue-json.ts';
import { eachSqueueJob } from '../parsers/slurm/squeue.ts';
import { type Format, failed } from './slurm-run.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export function slurmQueueCollector(opts: { format: Format }): Collector {
  return {
    name: 'slurm_queue',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const [cmd, args] = opts.format === 'json' ? COMMANDS['squeue-json'] : COMMANDS.squeue;
      const result = await ctx.exec(cmd, [...args], { timeoutMs: ctx.timeoutMs });
      if (!result.ok) return { points: [], problems: [], error: failed(result) };
      if (opts.format === 'json') {
        const r = readSqueueJson(result.stdout);
        if (!r.ok) return { points: [], problems: r.problems, error: 'squeue --json printed nothing readable' };
        return { points: queuePoints(r.jobs, ctx), problems: r.problems };
      }
      const q = queueTally(ctx);
      const { problems } = eachSqueueJob(result.stdout, q.add);
      return { points: q.points(), problems };
    },
  };
}
