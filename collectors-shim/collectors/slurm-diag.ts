// Scheduler health from one sdiag call per cycle (sdiag --json exists from 23.02; 22.05 falls back to text).
import { COMMANDS } from '../parsers/slurm/commands.ts';
import { readSdiagJson } from '../parsers/slurm/sdiag-json.ts';
import { diagPoint, readSdiagText } from '../parsers/slurm/sdiag.ts';
import { type Format, failed, runPreferJson } from './slurm-run.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export function slurmDiagCollector(opts: { format: Format }): Collector {
  return {
    name: 'slurm_diag',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const { format, result } = await runPreferJson(ctx, opts.format, COMMANDS['sdiag-json'], COMMANDS.sdiag);
      if (!result.ok) return { points: [], problems: [], error: failed(result) };
      const { fields, problems } = format === 'json' ? readSdiagJson(result.stdout) : readSdiagText(result.stdout);
      if (!Object.keys(fields).length) return { points: [], problems, error: 'sdiag printed no statistics' };
      return { points: [diagPoint(fields, ctx)], problems };
    },
  };
}
