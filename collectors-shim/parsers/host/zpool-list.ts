// `zpool list -Hp -o name,health,size,alloc,free,fragmentation,capacity,dedupratio` into Telegraf's `zfs_pool`
// (tags pool and health, as Telegraf writes them). -p prints exact bytes; `-` marks a value the pool does not have.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import { emptyResult, lines, num, point, problem } from './util.ts';

export const ZPOOL_LIST_COLUMNS = [
  'name',
  'health',
  'size',
  'alloc',
  'free',
  'fragmentation',
  'capacity',
  'dedupratio',
];

const intOrDash = (s: string): { int: number } | undefined | null => {
  if (s === '-') return undefined;
  const n = num(s.replace(/%$/, ''));
  return n === undefined || !Number.isInteger(n) ? null : { int: n };
};

export function parseZpoolList(text: string, ctx: ParseContext): ParseResult {
  const ls = lines(text);
  if (ls.length === 0) return emptyResult('pool');
  const points: Point[] = [];
  const problems: Problem[] = [];
  for (const l of ls) {
    const cells = l.text.split('\t');
    if (cells.length !== ZPOOL_LIST_COLUMNS.length) {
      problems.push(
        problem(l.no, l.text, `expected ${ZPOOL_LIST_COLUMNS.length} tab-separated columns, found ${cells.length}`),
      );
      continue;
    }
    const [name = '', health = '', ...rest] = cells;
    const [size, alloc, free, frag, cap] = rest.slice(0, 5).map(intOrDash);
    const dedup = num((rest[5] ?? '').replace(/x$/, ''));
    if ([size, alloc, free, frag, cap].includes(null) || (dedup === undefined && rest[5] !== '-')) {
      problems.push(problem(l.no, l.text, 'a size, percentage or ratio is not a number (was -p given?)'));
      continue;
    }
    const fields = { size, allocated: alloc, free, fragmentation: frag, capacity: cap, dedupratio: dedup };
    points.push(point('zfs_pool', ctx, { pool: name, health }, fields as Point['fields']));
  }
  return { points, problems };
}

export const zpoolListParser: Parser = {
  name: 'zpool-list',
  command: `zpool list -Hp -o ${ZPOOL_LIST_COLUMNS.join(',')}`,
  description: 'pool size, allocated and free bytes, fragmentation, capacity and dedup ratio',
  parse: parseZpoolList,
};
