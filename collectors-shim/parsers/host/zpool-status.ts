// `zpool status -p` or `zpool status` into `zfs_pool_status` (one point per pool: state, error totals, scrub or
// resilver progress) and `zfs_vdev` (one point per vdev and device: state and read/write/checksum errors).
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { emptyResult, parseSize, point, problem } from './util.ts';

/** Numeric states so a rule can alert on "worse than ONLINE" (0). */
export const STATE_CODE: Record<string, number> = {
  ONLINE: 0,
  DEGRADED: 1,
  FAULTED: 2,
  OFFLINE: 3,
  UNAVAIL: 4,
  REMOVED: 5,
  SUSPENDED: 6,
};
const GROUPS = new Set(['logs', 'cache', 'spares', 'special', 'dedup']);

interface Pool {
  name: string;
  line: number;
  state?: string;
  scan: string[];
  fields: Point['fields'];
  sawErrors: boolean;
}

const hms = (s: string): number | undefined => {
  const m = /^(?:(\d+) days? )?(\d+):(\d\d):(\d\d)$/.exec(s);
  return m ? Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : undefined;
};
const bytes = (s: string | undefined) => (s === undefined ? undefined : parseSize(s));
const asInt = (n: number | undefined) => (n === undefined ? undefined : { int: n });
const epochSeconds = (s: string | undefined) => {
  const t = s ? Date.parse(s.replace(/^\w{3} /, '')) : NaN;
  return Number.isFinite(t) ? { int: Math.floor(t / 1000) } : undefined;
};

/** The `scan:` lines: last finished scrub/resilver, or progress of a running one. */
function scanFields(lines: string[]): Point['fields'] {
  const text = lines.join(' ').replace(/\s+/g, ' ').trim();
  const fn = /^(scrub|resilver)/.exec(text)?.[1];
  if (!fn) return { scan_function: text.startsWith('none requested') ? 'none' : undefined };
  let m = /^(?:scrub repaired|resilvered) (\S+) in (.+?) with (\d+) errors on (.+)$/.exec(text);
  if (m)
    return {
      scan_function: fn,
      scan_in_progress: false,
      scan_repaired: asInt(bytes(m[1])),
      scan_duration: asInt(hms(m[2] ?? '')),
      scan_errors: asInt(Number(m[3])),
      scan_end: epochSeconds(m[4]),
    };
  if (/in progress since/.test(text)) {
    const out: Point['fields'] = { scan_function: fn, scan_in_progress: true };
    if ((m = /(\S+) \/ (\S+) scanned(?: at (\S+)\/s)?/.exec(text)))
      [out.scan_scanned, out.scan_total] = [asInt(bytes(m[1])), asInt(bytes(m[2]))];
    if ((m = /(\S+) \/ \S+ issued/.exec(text))) out.scan_issued = asInt(bytes(m[1]));
    if ((m = /(\S+) (?:repaired|resilvered),/.exec(text))) out.scan_repaired = asInt(bytes(m[1]));
    if ((m = /([\d.]+)% done/.exec(text))) out.scan_percent = Number(m[1]);
    if ((m = /(\d+ days? )?(\d+:\d\d:\d\d) to go/.exec(text))) out.scan_remaining = asInt(hms(`${m[1] ?? ''}${m[2]}`));
    return out;
  }
  return { scan_function: fn, scan_in_progress: false, scan_canceled: /canceled/.test(text) || undefined };
}

export function parseZpoolStatus(text: string, ctx: ParseContext): ParseResult {
  if (!text.trim()) return emptyResult('pool');
  const problems: Problem[] = [];
  const points: Point[] = [];
  const pools: Pool[] = [];
  let pool: Pool | undefined;
  let section: 'head' | 'scan' | 'config' | 'other' = 'head';
  let parents: string[] = [];
  let group: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    const key = /^\s*(pool|state|status|action|see|scan|config|errors|remove): ?(.*)$/.exec(line);
    if (key?.[1] === 'pool') {
      pool = { name: key[2]?.trim() ?? '', line: i + 1, scan: [], fields: {}, sawErrors: false };
      pools.push(pool);
      section = 'head';
      return;
    }
    if (!pool)
      return void (
        /^no pools available/.test(line) || problems.push(problem(i + 1, line, 'text before the first "pool:" line'))
      );
    if (key) {
      section = key[1] === 'scan' ? 'scan' : key[1] === 'config' ? 'config' : 'other';
      if (key[1] === 'state') pool.state = key[2]?.trim();
      if (key[1] === 'scan') pool.scan.push(key[2] ?? '');
      if (key[1] === 'errors')
        [pool.sawErrors, pool.fields.data_errors] = [
          true,
          /^No known data errors/.test(key[2] ?? '')
            ? { int: 0 }
            : asInt(Number(/^(\d+)/.exec(key[2] ?? '')?.[1] ?? NaN)),
        ];
      if (key[1] === 'config') [parents, group] = [[], undefined];
      return;
    }
    if (section === 'scan') return void pool.scan.push(line.trim());
    if (section !== 'config') return; // the status/action prose continues on tab-indented lines
    const row = /^\t( *)(\S+)(?:\s+(\S+))?(?:\s+(\S+)\s+(\S+)\s+(\S+))?(?:\s+(.*))?$/.exec(line);
    if (!row) return void problems.push(problem(i + 1, line, 'not a config row'));
    const [, indent = '', name = '', state, r, w, c, note] = row;
    if (name === 'NAME' && state === 'STATE') return;
    const depth = indent.length / 2;
    if (depth === 0 && GROUPS.has(name)) return void ([group, parents] = [name, [name]]);
    parents = parents.slice(0, depth);
    parents[depth] = name;
    const errs = [r, w, c].map((v) => (v === undefined ? undefined : parseSize(v)));
    if (r !== undefined && errs.some((e) => e === undefined))
      return void problems.push(problem(i + 1, line, 'error counts are not numbers'));
    const fields = {
      state,
      state_code: asInt(STATE_CODE[state ?? '']),
      read_errors: asInt(errs[0]),
      write_errors: asInt(errs[1]),
      checksum_errors: asInt(errs[2]),
      note,
    };
    if (depth === 0 && name === pool.name) return void Object.assign(pool.fields, fields);
    const type = /^(mirror|raidz\d?|draid\d?|spare|replacing)(?=-|:)/.exec(name)?.[1] ?? 'disk';
    points.push(
      point(
        'zfs_vdev',
        ctx,
        { pool: pool.name, vdev: name, vdev_type: type, parent: parents[depth - 1], group },
        fields,
      ),
    );
  });
  for (const p of pools) {
    if (!p.sawErrors) problems.push(problem(p.line, `pool: ${p.name}`, 'truncated: no "errors:" line for this pool'));
    const fields = { ...p.fields, state: p.state, state_code: asInt(STATE_CODE[p.state ?? '']), ...scanFields(p.scan) };
    points.push(point('zfs_pool_status', ctx, { pool: p.name }, fields));
  }
  if (pools.length === 0 && problems.length === 0)
    problems.push(problem(1, text.split('\n')[0] ?? '', 'no pool found'));
  return { points, problems };
}

export const zpoolStatusParser: Parser = {
  name: 'zpool-status',
  command: 'zpool status',
  description: 'pool and vdev state, read/write/checksum errors, scrub and resilver progress',
  parse: parseZpoolStatus,
};
