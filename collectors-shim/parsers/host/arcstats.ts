// /proc/spl/kstat/zfs/arcstats into Telegraf's `zfs` measurement (fields arcstats_<name>), plus the ARC hit ratio
// since boot (hits / (hits + misses)); a ratio over an interval comes from the counters' derivatives.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import { emptyResult, lines, point, problem } from './util.ts';

const INT64_MAX = 2n ** 63n - 1n;

export function parseArcstats(text: string, ctx: ParseContext): ParseResult {
  const ls = lines(text);
  if (ls.length === 0) return emptyResult('ARC statistic');
  const problems: Problem[] = [];
  const fields: Point['fields'] = {};
  const header = ls.findIndex((l) => /^name\s+type\s+data\s*$/.test(l.text));
  if (header < 0)
    return {
      points: [],
      problems: [problem(ls[0]?.no ?? 1, ls[0]?.text ?? '', 'no "name type data" header: not a kstat file')],
    };
  const counts: Record<string, bigint> = {};
  for (const l of ls.slice(header + 1)) {
    const m = /^(\w+)\s+(\d+)\s+(-?\d+)\s*$/.exec(l.text);
    if (!m) {
      problems.push(problem(l.no, l.text, 'not a "name type value" row'));
      continue;
    }
    const v = BigInt(m[3] ?? '0');
    // kstat uint64 values above int64 cannot be stored as InfluxDB 1.x integers.
    if (v > INT64_MAX) {
      problems.push(problem(l.no, l.text, 'value does not fit a signed 64-bit integer'));
      continue;
    }
    counts[m[1] ?? ''] = v;
    fields[`arcstats_${m[1]}`] = {
      int: v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v,
    };
  }
  const { hits, misses } = counts;
  if (hits !== undefined && misses !== undefined && hits + misses > 0n)
    fields.arcstats_hit_ratio = Number(hits) / Number(hits + misses);
  const points = Object.keys(fields).length ? [point('zfs', ctx, {}, fields)] : [];
  if (!points.length && !problems.length)
    problems.push(problem(ls[header]?.no ?? 1, '', 'no statistics after the header'));
  return { points, problems };
}

export const arcstatsParser: Parser = {
  name: 'arcstats',
  command: 'cat /proc/spl/kstat/zfs/arcstats',
  description: 'ZFS ARC counters and sizes, plus the ARC hit ratio since boot',
  parse: parseArcstats,
};
