// Shared readers for SLURM output: JSON values across releases, TRES strings, sizes, times, and `|` rows.
import type { Problem } from '../types.ts';

/**
 * A number from any Slurm release: plain (21.08, 22.05) or `{ set, infinite, number }` (23.02+).
 * Unset and infinite read as undefined; callers store "unlimited" as an absent field.
 */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (v && typeof v === 'object' && 'number' in v) {
    const o = v as { set?: boolean; infinite?: boolean; number?: unknown };
    if (o.set === false || o.infinite === true) return undefined;
    return num(o.number);
  }
  return undefined;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A state that is a string (`"RUNNING"`, `"CANCELLED by 0"`) or a list (`["PENDING","REQUEUED"]`, 23.02+). */
export function states(v: unknown): string[] {
  if (typeof v === 'string') return v ? [v] : [];
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string' && s !== '');
  if (v && typeof v === 'object' && 'current' in v) return states((v as { current: unknown }).current); // sacct 22.05+
  return [];
}

/** JSON.parse that reports where the text broke, as a Problem, instead of throwing. */
export function parseJson(text: string): { data?: Record<string, unknown>; problem?: Problem } {
  if (!text.trim()) return { problem: { line: 1, text: '', reason: 'empty output' } };
  try {
    const data: unknown = JSON.parse(text);
    if (!data || typeof data !== 'object' || Array.isArray(data))
      return { problem: { line: 1, text: text.slice(0, 80), reason: 'not a JSON object' } };
    return { data: data as Record<string, unknown> };
  } catch (err) {
    const pos = Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? text.length);
    const line = text.slice(0, pos).split('\n').length;
    return {
      problem: {
        line,
        text: text.split('\n')[line - 1]?.slice(0, 200) ?? '',
        reason: `truncated or garbled JSON: ${(err as Error).message}`,
      },
    };
  }
}

/** Slurm's `errors` array (strings in some releases, objects with `description`/`error` in others) as Problems. */
export function jsonErrors(data: Record<string, unknown>): Problem[] {
  const errs = Array.isArray(data.errors) ? data.errors : [];
  return errs.map((e) => {
    const o = (e ?? {}) as Record<string, unknown>;
    const reason = typeof e === 'string' ? e : String(o.description ?? o.error ?? JSON.stringify(e));
    return { line: 0, text: '', reason: `slurm reported: ${reason}` };
  });
}

const UNIT: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 };

/** `1500M`, `212K`, `4G`, `100Mn`/`100Mc` (ReqMem per node/CPU) to bytes; `unit` applies to bare numbers. */
export function bytes(s: string | undefined, unit = ''): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGTP]?)[nc]?$/.exec(s?.trim() ?? '');
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (UNIT[m[2] || unit] ?? 1));
}

/** `cpu=4,mem=1500M,node=1,billing=4,gres/gpu=2` to counts (mem in bytes; a bare mem number is MB). */
export function tres(s: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (s ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const key = part.slice(0, eq);
    const value = key === 'mem' || key === 'vmem' ? bytes(part.slice(eq + 1), 'M') : bytes(part.slice(eq + 1));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** GPUs in a TRES map or a GRES string (`gpu:2`, `gpu:a100:4(S:0-1)`, `gres/gpu=2`). */
export function gpus(s: string | undefined): number {
  let total = 0;
  for (const part of (s ?? '').split(/,(?![^(]*\))/)) {
    const m = /^(?:gres\/)?gpu(?::[^:=(]+)?[:=](\d+)/.exec(part.trim());
    if (m) total += Number(m[1]);
  }
  return total;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;
// Rows of one sacct window share their minutes: the local-time start of each minute is parsed once. Clock changes
// fall on whole minutes, so the seconds add on exactly. Keyed by a number (YYYYMMDDHHMM), so the cache never holds
// a slice of a large output alive; bounded, so odd input cannot grow it.
const minutes = new Map<number, number>();
const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

/** Slurm's local-time timestamps (`2026-11-25T01:14:09`); `Unknown`, `N/A`, `None` and `0` read as undefined. */
export function slurmTime(s: string | undefined): number | undefined {
  if (!s || !TIMESTAMP.test(s)) return undefined;
  const sec = digits(s, 17, 19);
  if (sec > 59) return undefined; // JavaScript's Date refuses it too
  const key =
    ((digits(s, 0, 4) * 100 + digits(s, 5, 7)) * 100 + digits(s, 8, 10)) * 10_000 +
    digits(s, 11, 13) * 100 +
    digits(s, 14, 16);
  let base = minutes.get(key);
  if (base === undefined) {
    base = new Date(s.slice(0, 16)).getTime(); // no zone: JavaScript reads it as local time, as Slurm printed it
    if (minutes.size > 10_000) minutes.clear();
    minutes.set(key, base);
  }
  return Number.isFinite(base) ? base + sec * 1000 : undefined;
}

/** The leading digits of a job id (`123_4.batch` → 123), NaN when it starts with none. */
export function leadingInt(s: string): number {
  let end = 0;
  while (end < s.length && s.charCodeAt(end) >= 48 && s.charCodeAt(end) <= 57) end++;
  return end ? Number(s.slice(0, end)) : NaN;
}

/** Epoch seconds from JSON (0 means unset in every release). */
export const epochMs = (v: unknown): number | undefined => {
  const n = num(v);
  return n ? n * 1000 : undefined;
};

/** `[D-]HH:MM:SS`, `MM:SS.mmm`, `MM:SS` to seconds; `UNLIMITED`, `INVALID`, `N/A` are undefined. */
export function duration(s: string | undefined): number | undefined {
  const m = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$/.exec(s?.trim() ?? '');
  if (!m) return undefined;
  const [, d = '0', h = '0', mi = '0', sec = '0'] = m;
  return Number(d) * 86400 + Number(h) * 3600 + Number(mi) * 60 + Number(sec);
}

/** A job id as Slurm prints it: `123`, `123_4`, `123_[1-4%1]`, `123+1`, `123.batch`. */
export const JOB_ID = /^\d+(?:_\d+|_\[[^\]]*\]|\+\d+)?(?:\.[\w-]+)?\|/;

/**
 * Point time for one job: its end (or `now`) plus a sub-second offset from the job id, so two jobs ending in
 * the same second land on different timestamps while a re-read of the same job lands on the same one.
 */
export const jobTime = (seconds: number, jobId: number): number => Math.floor(seconds) * 1000 + (jobId % 1000);

/** The bounded `slot` tag: with the ms offset, two jobs collide only if their ids are equal modulo 16,000. */
export const jobSlot = (jobId: number): string => String(Math.floor(jobId / 1000) % 16);

/**
 * The context's tags plus a point's own (its own win), as `{ ...base, ...own }` would give. Not written as a spread
 * followed by more keys: V8 in Node 20 stores each key added after a spread on a slow path (~8 µs a point).
 */
export const withTags = (
  base: Record<string, string>,
  own: Record<string, string | undefined>,
): Record<string, string | undefined> => Object.assign({}, base, own);
