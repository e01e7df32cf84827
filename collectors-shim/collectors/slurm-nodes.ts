// Nodes, and partition totals from the same rows: one sinfo (or scontrol show node) call per cycle.
import { COMMANDS } from '../parsers/slurm/commands.ts';
import { parseJson, jsonErrors } from '../parsers/slurm/common.ts';
import { type NodeRow, nodePoints } from '../parsers/slurm/nodes.ts';
import { readScontrolNodes } from '../parsers/slurm/scontrol-nodes.ts';
import { readNodesJson } from '../parsers/slurm/sinfo-json.ts';
import { readSinfoText } from '../parsers/slurm/sinfo.ts';
import type { Problem } from '../parsers/types.ts';
import { type Format, failed, rememberNoJson, runPreferJson } from './slurm-run.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface SlurmNodesOptions {
  format: Format;
  source: 'sinfo' | 'scontrol';
  partitions: boolean;
}

export function slurmNodesCollector(opts: SlurmNodesOptions): Collector {
  return {
    name: 'slurm_nodes',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      let rows: NodeRow[];
      let problems: Problem[];
      if (opts.source === 'scontrol') {
        const [cmd, args] = COMMANDS['scontrol-nodes'];
        const result = await ctx.exec(cmd, [...args], { timeoutMs: ctx.timeoutMs });
        if (!result.ok) return { points: [], problems: [], error: failed(result) };
        ({ rows, problems } = readScontrolNodes(result.stdout));
      } else {
        const { format, result } = await runPreferJson(ctx, opts.format, COMMANDS['sinfo-json'], COMMANDS.sinfo);
        if (!result.ok) return { points: [], problems: [], error: failed(result) };
        if (format === 'json') {
          const { data, problem } = parseJson(result.stdout);
          problems = data ? jsonErrors(data) : [problem!];
          rows = data ? readNodesJson(data, problems) : [];
          // A release whose sinfo --json groups rows instead of listing nodes: use text from the next cycle on.
          if (data && !Array.isArray(data.nodes) && opts.format === 'auto') await rememberNoJson(ctx);
        } else ({ rows, problems } = readSinfoText(result.stdout));
      }
      const points = rows.length ? nodePoints(rows, ctx) : [];
      return { points: opts.partitions ? points : points.filter((p) => p.measurement === 'slurm_nodes'), problems };
    },
  };
}
