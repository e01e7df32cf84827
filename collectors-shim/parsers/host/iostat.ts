// `iostat -x -y <interval> 1` (sysstat) into `iostat`: one point per device, fields named from the header of
// whatever sysstat version printed it (r/s → r_per_s, %util → util_percent, aqu-sz → aqu_sz). The avg-cpu block is
// left to Telegraf-style cpu collectors. Without -y the figures are averages since boot.
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { emptyResult, num, point, problem } from './util.ts';

export const fieldName = (column: string): string =>
  column.startsWith('%')
    ? `${fieldName(column.slice(1))}_percent`
    : column.replace(/\/s$/, '_per_s').replace(/[^A-Za-z0-9_]/g, '_');

export function parseIostat(text: string, ctx: ParseContext): ParseResult {
  if (!text.trim()) return emptyResult('device');
  const points: Point[] = [];
  const problems: Problem[] = [];
  let columns: string[] | undefined;
  let inCpu = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return void ((columns = undefined), (inCpu = false));
    if (/^Linux \S+ \(/.test(line)) return;
    if (/^avg-cpu:/.test(line)) return void (inCpu = true);
    if (inCpu) return;
    const cells = line.trim().split(/\s+/);
    if (/^Device:?$/.test(cells[0] ?? '')) return void (columns = cells.slice(1).map(fieldName));
    if (!columns) return void problems.push(problem(i + 1, line, 'no "Device" header before this line'));
    if (cells.length !== columns.length + 1)
      return void problems.push(problem(i + 1, line, `expected ${columns.length + 1} columns, found ${cells.length}`));
    const fields: Point['fields'] = {};
    // Some locales print decimal commas: LC_ALL=C is set by the shim's exec, but a copied file may not have it.
    const values = cells.slice(1).map((c) => num(c.replace(',', '.')));
    if (values.some((v) => v === undefined)) return void problems.push(problem(i + 1, line, 'a value is not a number'));
    columns.forEach((c, k) => (fields[c] = values[k]));
    points.push(point('iostat', ctx, { device: cells[0] }, fields));
  });
  if (points.length === 0 && problems.length === 0) problems.push(problem(1, '', 'no device rows'));
  return { points, problems };
}

export const iostatParser: Parser = {
  name: 'iostat',
  command: 'iostat -x -y 10 1',
  description: 'extended per-device I/O statistics (rates, waits, queue size, utilisation), any sysstat column set',
  parse: parseIostat,
};
