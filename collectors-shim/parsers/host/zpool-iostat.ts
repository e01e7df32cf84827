// `zpool iostat -v` into `zfs_vdev_iostat`: capacity and average operations and bandwidth since import, per pool
// (vdev tag = the pool name, level=pool) and per vdev or device below it (level=vdev).
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import { emptyResult, parseSize, point, problem } from './util.ts';

const ROW = /^( *)(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/;

export function parseZpoolIostat(text: string, ctx: ParseContext): ParseResult {
  if (!text.trim()) return emptyResult('pool');
  const points: Point[] = [];
  const problems: Problem[] = [];
  let pool: string | undefined;
  let sawHeader = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || /^-+(\s+-+)+\s*$/.test(line)) return;
    if (/^\s+capacity\s+operations\s+bandwidth/.test(line)) return;
    if (/^pool\s+alloc\s+free\s+read\s+write/.test(line)) return void (sawHeader = true);
    const m = ROW.exec(line);
    if (!sawHeader || !m)
      return void problems.push(
        problem(i + 1, line, sawHeader ? 'not a zpool iostat row' : 'no zpool iostat header before this line'),
      );
    const [, indent = '', name = '', ...cells] = m;
    const values = cells.map((c) => (c === '-' ? undefined : parseSize(c)));
    if (cells.some((c, k) => c !== '-' && values[k] === undefined))
      return void problems.push(problem(i + 1, line, 'a value is not a number'));
    if (indent.length === 0) pool = name;
    if (!pool) return void problems.push(problem(i + 1, line, 'vdev row before its pool'));
    const [alloc, free, rOps, wOps, rBw, wBw] = values;
    const asInt = (n: number | undefined) => (n === undefined ? undefined : { int: n });
    points.push(
      point(
        'zfs_vdev_iostat',
        ctx,
        { pool, vdev: name, level: indent.length === 0 ? 'pool' : 'vdev' },
        {
          alloc: asInt(alloc),
          free: asInt(free),
          read_ops: rOps,
          write_ops: wOps,
          read_bytes: rBw,
          write_bytes: wBw,
        },
      ),
    );
  });
  if (!sawHeader && problems.length === 0) problems.push(problem(1, '', 'no zpool iostat header'));
  return { points, problems };
}

export const zpoolIostatParser: Parser = {
  name: 'zpool-iostat',
  command: 'zpool iostat -v',
  description: 'per pool and vdev: allocated and free bytes, read/write operations and bytes per second',
  parse: parseZpoolIostat,
};
