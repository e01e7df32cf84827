// `sensors -j` into Telegraf's `sensors`. lm-sensors writes "ERROR: Can't get value of subfeature …" and
// "No sensors found!" on stderr, which lands inside the JSON when both streams are captured: such lines are
// lifted out as problems first. Truncated JSON falls back to a line scan that keeps every complete feature.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { FeatureSink, NOTICE, subfeatureField } from './sensors.ts';
import { emptyResult, problem } from './util.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fromObject(doc: Record<string, unknown>, sink: FeatureSink): void {
  for (const [chip, features] of Object.entries(doc)) {
    if (!isObject(features)) continue;
    for (const [feature, subs] of Object.entries(features)) {
      if (!isObject(subs)) continue; // "Adapter": "ISA adapter"
      const values: Record<string, number> = {};
      for (const [name, v] of Object.entries(subs)) if (typeof v === 'number') values[subfeatureField(name)] = v;
      sink.add(chip, feature, values);
    }
  }
}

/** The shape lm-sensors prints: one key per line, chips at depth 1, features at depth 2. Keeps closed features. */
function scanLines(rows: { no: number; text: string }[], sink: FeatureSink, problems: Problem[]): void {
  let depth = 0;
  let chip = '';
  let feature = '';
  let values: Record<string, number> = {};
  for (const { no, text } of rows) {
    const open = /^\s*(?:"([^"]+)"\s*:\s*)?\{\s*$/.exec(text);
    const value = /^\s*"([^"]+)"\s*:\s*(-?[\d.]+)\s*,?\s*$/.exec(text);
    if (open) {
      depth++;
      if (depth === 2) chip = open[1] ?? '';
      if (depth === 3) [feature, values] = [open[1] ?? '', {}];
    } else if (/^\s*\}\s*,?\s*$/.test(text)) {
      if (depth === 3) sink.add(chip, feature, values);
      depth--;
    } else if (value && depth === 3) {
      values[subfeatureField(value[1] ?? '')] = Number(value[2]);
    } else if (!/^\s*"Adapter"\s*:/.test(text)) {
      problems.push(problem(no, text, 'not a sensors -j line'));
    }
  }
  if (depth > 0)
    problems.push(problem(rows[rows.length - 1]?.no ?? 0, '', 'truncated: the JSON document is never closed'));
}

export function parseSensorsJson(text: string, ctx: ParseContext): ParseResult {
  const problems: Problem[] = [];
  const rows: { no: number; text: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.replace(/\r$/, '');
    if (!t.trim()) return;
    if (NOTICE.test(t)) problems.push(problem(i + 1, t, 'lm-sensors message inside its JSON'));
    else rows.push({ no: i + 1, text: t });
  });
  if (rows.length === 0 && problems.length === 0) return emptyResult('sensor');
  const sink = new FeatureSink(ctx);
  let doc: unknown;
  try {
    doc = JSON.parse(rows.map((r) => r.text).join('\n'));
  } catch (err) {
    problems.push(problem(rows[0]?.no ?? 0, '', `invalid JSON (${(err as Error).message}); read line by line`));
  }
  if (doc !== undefined && !isObject(doc)) problems.push(problem(1, '', 'JSON is not an object of chips'));
  else if (doc !== undefined) fromObject(doc, sink);
  else scanLines(rows, sink, problems);
  if (sink.points.length === 0 && !problems.length) problems.push(problem(1, '', 'no sensor values found'));
  return { points: sink.points, problems };
}

export const sensorsJsonParser: Parser = {
  name: 'sensors-json',
  command: 'sensors -j',
  description: 'temperatures, fans, voltages and power per chip feature (lm-sensors JSON, error lines tolerated)',
  parse: parseSensorsJson,
};
