// lm-sensors into Telegraf's `sensors`: one point per chip feature, tags chip and feature, fields named by subfeature
// with the number dropped (temp1_input → temp_input). `sensors -A -u` text here; `sensors -j` in sensors-json.ts.
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { emptyResult, lines, num, point, problem } from './util.ts';

/** Telegraf's feature tag: lower case, spaces as underscores ("Physical id 0" → "physical_id_0"). */
export const featureTag = (label: string): string => label.trim().toLowerCase().replace(/\s+/g, '_');
/** Telegraf's field name: the subfeature without its index ("temp1_crit_alarm" → "temp_crit_alarm"). */
export const subfeatureField = (name: string): string => name.replace(/^([a-z]+)\d+/, '$1');

/** Lines lm-sensors prints instead of values: kept as problems, never as points. */
export const NOTICE = /^(ERROR: |No sensors found!|Make sure you loaded|Try sensors-detect|Can't access )/;

export class FeatureSink {
  points: Point[] = [];
  constructor(private ctx: ParseContext) {}
  add(chip: string, feature: string, values: Record<string, number>): void {
    if (Object.keys(values).length === 0) return; // a feature whose every value failed to read
    this.points.push(point('sensors', this.ctx, { chip, feature: featureTag(feature) }, values));
  }
}

export function parseSensorsText(text: string, ctx: ParseContext): ParseResult {
  const ls = lines(text);
  if (ls.length === 0) return emptyResult('sensor');
  const sink = new FeatureSink(ctx);
  const problems: Problem[] = [];
  let chip: string | undefined;
  let feature: string | undefined;
  let values: Record<string, number> = {};
  const flush = () => chip && feature && sink.add(chip, feature, values);
  let prevBlank = true;
  const all = text.split('\n');
  all.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const blank = !line.trim();
    const wasBlank = prevBlank;
    prevBlank = blank;
    if (blank) return;
    const sub = /^\s+([a-z]+\d*_[a-z_]+):\s+(\S+)$/.exec(line);
    if (NOTICE.test(line)) return void problems.push(problem(i + 1, line, 'lm-sensors could not read a value'));
    if (sub) {
      const v = num(sub[2]);
      if (!feature || v === undefined)
        return void problems.push(problem(i + 1, line, feature ? 'not a number' : 'value outside a feature'));
      return void (values[subfeatureField(sub[1] ?? '')] = v);
    }
    if (/^Adapter: /.test(line)) return;
    if (wasBlank && /^[\w.]+-[\w.]+-[\w.]+$/.test(line)) {
      flush();
      chip = line;
      feature = undefined;
      values = {};
      return;
    }
    if (/:$/.test(line) && chip) {
      flush();
      feature = line.slice(0, -1).trim();
      values = {};
      return;
    }
    problems.push(problem(i + 1, line, 'not a sensors -A -u line (chip, feature or "name: value")'));
  });
  flush();
  if (sink.points.length === 0 && problems.length === 0)
    problems.push(problem(1, ls[0]?.text ?? '', 'no sensor values found'));
  return { points: sink.points, problems };
}

export const sensorsParser: Parser = {
  name: 'sensors',
  command: 'sensors -A -u',
  description: 'temperatures, fans, voltages and power per chip feature (lm-sensors raw text)',
  parse: parseSensorsText,
};
