// GPUs through nvidia-smi: the CSV query (by header, so any driver works) or the XML of `-q -x` (adds MIG devices).
import { GPU_QUERY_FIELDS, nvidiaSmiCsvParser } from '../parsers/host/nvidia-smi-csv.ts';
import { nvidiaSmiXmlParser } from '../parsers/host/nvidia-smi-xml.ts';
import { parseOutput } from './host-util.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface GpuOptions {
  command: string;
  format: 'csv' | 'xml';
}

export function gpuCollector(opts: GpuOptions): Collector {
  const csv = opts.format === 'csv';
  const args = csv ? [`--query-gpu=${GPU_QUERY_FIELDS.join(',')}`, '--format=csv'] : ['-q', '-x'];
  return {
    name: 'gpu',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const res = await ctx.exec(opts.command, args, { timeoutMs: ctx.timeoutMs });
      return parseOutput(csv ? nvidiaSmiCsvParser : nvidiaSmiXmlParser, res, ctx);
    },
  };
}
