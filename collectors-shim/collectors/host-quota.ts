// User and group quotas of every quota-enabled filesystem, from `repquota -augvp` (run as root on the file server).
import { repquotaParser } from '../parsers/host/repquota.ts';
import { parseOutput } from './host-util.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface QuotaOptions {
  command: string;
  args: string[];
}

export function quotaCollector(opts: QuotaOptions): Collector {
  return {
    name: 'quota',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      return parseOutput(repquotaParser, await ctx.exec(opts.command, opts.args, { timeoutMs: ctx.timeoutMs }), ctx);
    },
  };
}
