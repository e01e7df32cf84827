// The value formats sacct prints: times, durations, memory sizes; and a CSV splitter for comma exports.

/** ISO 8601 (read as UTC when it has no zone: sacct prints the cluster's local time) or epoch seconds. */
export function sacctTime(v: string | undefined): number | null {
  if (v === undefined || v === 'Unknown' || v === 'None') return null;
  if (/^\d{9,11}$/.test(v)) return Number(v);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?/.test(v)) return null;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(v);
  const ms = Date.parse(zoned ? v : `${v}Z`);
  return Number.isNaN(ms) ? null : ms / 1000;
}

/** "D-HH:MM:SS", "HH:MM:SS", "MM:SS.mmm", "UNLIMITED" (null) → seconds. */
export function sacctDuration(v: string | undefined): number | null {
  const m = v === undefined ? null : /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+(?:\.\d+)?))?$/.exec(v);
  if (!m) return null;
  const days = Number(m[1] ?? 0);
  const parts = [m[2], m[3], m[4]].filter((p): p is string => p !== undefined).map(Number);
  // Two parts are MM:SS unless a day is given (D-HH:MM).
  const [h, mi, s] = parts.length === 3 ? parts : m[1] ? [parts[0], parts[1], 0] : [0, parts[0], parts[1]];
  return days * 86400 + (h ?? 0) * 3600 + (mi ?? 0) * 60 + (s ?? 0);
}

const UNIT: Record<string, number> = { '': 1 / 1048576, K: 1 / 1024, M: 1, G: 1024, T: 1048576 };
/** "216K", "100M", "4G", "0" → MB. */
export function sacctMemMb(v: string | undefined): number | null {
  const m = v === undefined ? null : /^(\d+(?:\.\d+)?)([KMGT]?)$/i.exec(v);
  return m ? Number(m[1]) * (UNIT[(m[2] ?? '').toUpperCase()] ?? 1) : null;
}

/** One CSV line (RFC 4180 quoting). */
export function csvSplit(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
