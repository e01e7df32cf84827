// Temperatures, fans and voltages from lm-sensors, `sensors -j` by preference. "No sensors found!" (a VM) exits 1
// with that text on stderr: reported as a problem, not as a failed collector.
import { sensorsJsonParser } from '../parsers/host/sensors-json.ts';
import { sensorsParser } from '../parsers/host/sensors.ts';
import { parseOutput } from './host-util.ts';
import type { CollectContext, CollectResult, Collector } from './types.ts';

export interface SensorsOptions {
  command: string;
  format: 'json' | 'text';
}

export function sensorsCollector(opts: SensorsOptions): Collector {
  const json = opts.format === 'json';
  return {
    name: 'sensors',
    async collect(ctx: CollectContext): Promise<CollectResult> {
      const res = await ctx.exec(opts.command, json ? ['-j'] : ['-A', '-u'], { timeoutMs: ctx.timeoutMs });
      if (!res.ok && res.failure === 'exit' && /No sensors found/.test(res.stderr + res.stdout))
        return {
          points: [],
          problems: [{ line: 0, text: 'No sensors found!', reason: 'this machine exposes no hardware sensors' }],
        };
      // lm-sensors writes unreadable-value errors on stderr: give them to the parser too, as the problems they are.
      const errors = res.stderr.split('\n').filter((l) => /^ERROR: /.test(l));
      const r = parseOutput(json ? sensorsJsonParser : sensorsParser, res, ctx);
      r.problems.push(...errors.map((text) => ({ line: 0, text, reason: 'lm-sensors could not read a value' })));
      return r;
    },
  };
}
