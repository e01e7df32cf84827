// Shared by the quota and repquota parsers: one quota row (used, soft, hard, grace for blocks, then for files).
import type { Point } from '../../../functions/_lib/line-protocol.ts';

/** quota-tools print space in 1 KiB blocks, or with -s as 5120K / 3M / 1G (base 1024). */
function space(s: string): number | undefined {
  const m = /^(\d+)([KMGTP]?)$/.exec(s);
  return m ? Number(m[1]) * 1024 ** ('KMGTP'.indexOf(m[2] || 'K') + 1) : undefined;
}
/** File counts, or with -s as 10k / 2m (base 1000). */
function count(s: string): number | undefined {
  const m = /^(\d+)([kmgt]?)$/.exec(s);
  return m ? Number(m[1]) * 1000 ** (m[2] ? 'kmgt'.indexOf(m[2]) + 1 : 0) : undefined;
}

/** Grace as printed: an epoch with -p (0 = not running), else time left ("7days", "24:00", "none" = expired). */
function grace(s: string | undefined, prefix: string): Point['fields'] {
  if (s === undefined) return {};
  if (/^\d{5,}$/.test(s)) return Number(s) > 0 ? { [`${prefix}_grace_until`]: { int: Number(s) } } : {};
  if (s === '0') return {};
  if (s === 'none') return { [`${prefix}_grace_left`]: { int: 0 } };
  const days = /^(\d+)days?$/.exec(s);
  if (days) return { [`${prefix}_grace_left`]: { int: Number(days[1]) * 86400 } };
  const hm = /^(\d+):(\d\d)$/.exec(s);
  if (hm) return { [`${prefix}_grace_left`]: { int: Number(hm[1]) * 3600 + Number(hm[2]) * 60 } };
  return { [`${prefix}_grace`]: s };
}

/**
 * Reads `used soft hard [grace] used soft hard [grace]`. A grace column is printed only when that limit is exceeded
 * (or always with -p), so `over` (from repquota's +- flags or quota's `*`) says which of a 7-token row is there.
 */
export function quotaFields(tokens: string[], over: [boolean, boolean]): Point['fields'] | undefined {
  let blockGrace: string | undefined;
  let fileGrace: string | undefined;
  let t = tokens;
  if (t.length === 8) [blockGrace, fileGrace, t] = [t[3], t[7], [t[0], t[1], t[2], t[4], t[5], t[6]] as string[]];
  else if (t.length === 7 && (over[0] || !over[1]))
    [blockGrace, t] = [t[3], [t[0], t[1], t[2], t[4], t[5], t[6]] as string[]];
  else if (t.length === 7) [fileGrace, t] = [t[6], t.slice(0, 6)];
  else if (t.length !== 6) return undefined;
  const [bu, bs, bh] = t.slice(0, 3).map((v) => space(v ?? ''));
  const [fu, fs, fh] = t.slice(3, 6).map((v) => count(v ?? ''));
  if ([bu, bs, bh, fu, fs, fh].some((v) => v === undefined)) return undefined;
  const i = (n: number | undefined) => ({ int: n ?? 0 });
  return {
    space_used: i(bu),
    space_soft: i(bs),
    space_hard: i(bh),
    files_used: i(fu),
    files_soft: i(fs),
    files_hard: i(fh),
    space_over_soft: over[0],
    files_over_soft: over[1],
    ...grace(blockGrace, 'space'),
    ...grace(fileGrace, 'files'),
  };
}
