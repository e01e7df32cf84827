// Fairshare from one sshare call per cycle (text only: its --json shape differs in every release and adds nothing).
import { COMMANDS } from '../parsers/slurm/commands.ts';
import { parseSshare } from '../parsers/slurm/sshare.ts';
import { failed } from './slurm-run.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export function slurmFairshareCollector(): Collector {
  return {
    name: 'slurm_fairshare',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const [cmd, args] = COMMANDS.sshare;
      const result = await ctx.exec(cmd, [...args], { timeoutMs: ctx.timeoutMs });
      if (!result.ok) return { points: [], problems: [], error: failed(result) };
      return parseSshare(result.stdout, ctx);
    },
  };
}
