// `df -P -B1 -T` (bytes) and `df -P -i -T` (inodes), into Telegraf's `disk` measurement.
// The header decides the units (1-blocks, 1K-blocks, 1024-blocks, Inodes) and whether a Type column is there.
import type { Point } from '../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from './types.ts';

const SUFFIX: Record<string, number> = {
  '': 1,
  K: 1024,
  M: 1024 ** 2,
  G: 1024 ** 3,
  T: 1024 ** 4,
  kB: 1000,
  MB: 1000 ** 2,
};
const NUM = '(\\d+|-)';

interface Header {
  inodes: boolean;
  blockSize: number;
  typed: boolean;
  row: RegExp;
}

function readHeader(line: string): Header | undefined {
  if (!/^Filesystem\s/.test(line)) return undefined;
  const typed = /^Filesystem\s+Type\s/.test(line);
  const inodes = /\sInodes\s/.test(line);
  const blocks = /\s(\d+)(K|M|G|T|kB|MB)?-blocks\s/.exec(line);
  if (!inodes && !blocks) return undefined;
  const blockSize = blocks ? Number(blocks[1]) * (SUFFIX[blocks[2] ?? ''] ?? 1) : 1;
  // Filesystem and mount point may hold spaces; the numbers between them never do.
  const row = new RegExp(`^(.+?)${typed ? '\\s+(\\S+)' : '()'}\\s+${NUM}\\s+${NUM}\\s+${NUM}\\s+(\\d+%|-)\\s+(/.*)$`);
  return { inodes, blockSize, typed, row };
}

const num = (s: string | undefined): number | undefined => (s === undefined || s === '-' ? undefined : Number(s));

export interface DfRow {
  device: string;
  fstype: string | undefined;
  path: string;
  fields: Record<string, number>;
}

/** Rows keyed by mount point, so the collector can merge the bytes and inodes runs into one point. */
export function parseDfRows(text: string): { rows: DfRow[]; problems: Problem[] } {
  const lines = text.split('\n');
  const rows: DfRow[] = [];
  const problems: Problem[] = [];
  let header: Header | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    const h = readHeader(line);
    if (h) return void (header = h);
    if (!header) return void problems.push({ line: i + 1, text: line, reason: 'no df header before this line' });
    const m = header.row.exec(line);
    if (!m)
      return void problems.push({
        line: i + 1,
        text: line,
        reason: 'not a df row (expected 4 numbers and a mount point)',
      });
    const [, device = '', fstype, a, b, c, , path = ''] = m;
    const total = num(a);
    const used = num(b);
    const free = num(c);
    if (total === undefined || used === undefined || free === undefined) return; // pseudo filesystems print '-'
    const denom = used + free;
    const pct = denom > 0 ? (100 * used) / denom : 0;
    const fields: Record<string, number> = header.inodes
      ? { inodes_total: total, inodes_used: used, inodes_free: free, inodes_used_percent: pct }
      : {
          total: total * header.blockSize,
          used: used * header.blockSize,
          free: free * header.blockSize,
          used_percent: pct,
        };
    rows.push({ device: device.trim(), fstype: fstype || undefined, path, fields });
  });
  if (!header && lines.some((l) => l.trim()))
    problems.push({ line: 1, text: lines[0] ?? '', reason: 'no df header found' });
  return { rows, problems };
}

export function dfRowsToPoints(rows: DfRow[], ctx: ParseContext): Point[] {
  return rows.map((r) => ({
    measurement: 'disk',
    tags: { ...ctx.tags, path: r.path, device: r.device, fstype: r.fstype },
    fields: fieldsWithInts(r.fields),
    time: ctx.now,
  }));
}

/** Byte and inode counts are integers in Telegraf's schema; percentages are floats. */
function fieldsWithInts(f: Record<string, number>): Point['fields'] {
  const out: Point['fields'] = {};
  for (const [k, v] of Object.entries(f)) out[k] = k.endsWith('percent') ? v : { int: v };
  return out;
}

export const dfParser: Parser = {
  name: 'df',
  command: 'df -P -B1 -T   and   df -P -i -T',
  description: 'filesystem bytes or inodes (POSIX df output, any block size, with or without a Type column)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { rows, problems } = parseDfRows(text);
    return { points: dfRowsToPoints(rows, ctx), problems };
  },
};
