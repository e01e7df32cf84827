// InfluxDB line protocol, with the escaping rules of the InfluxDB 1.x parser (also served by 2.x and 3.x).
// Control characters never reach names or tags raw (a newline there would split a point in two); inside a
// quoted string field InfluxDB keeps them, so string fields round-trip exactly.

export type FieldValue = number | bigint | boolean | string | { int: number | bigint };
export type Precision = 's' | 'ms' | 'ns';

export interface Point {
  measurement: string;
  tags?: Record<string, string | undefined>;
  fields: Record<string, FieldValue | undefined | null>;
  /** Milliseconds since the epoch (number) or nanoseconds (bigint); omitted means "server time". */
  time?: number | bigint;
}

/** Marks a number as an InfluxDB integer field (`42i`); plain numbers are floats. */
export const int = (value: number | bigint): { int: number | bigint } => ({ int: value });

// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const CONTROL = /[\t\n\r\f\v\u0000-\u0008\u000e-\u001f\u007f]/g;
const controlEscape = (c: string): string =>
  c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

function escapeWith(value: string, special: RegExp, beforeSpecial: RegExp): string {
  // InfluxDB cannot store a backslash that ends a name or tag or stands before a separator (it would escape it): drop it.
  return value.replace(beforeSpecial, '').replace(CONTROL, controlEscape).replace(special, '\\$&');
}

const MEASUREMENT_SPECIAL = /[, ]/g;
const KEY_SPECIAL = /[,= ]/g;
const BACKSLASH_BEFORE_MEASUREMENT_SPECIAL = /\\+(?=[, \t\n\r\f\v]|$)/g;
const BACKSLASH_BEFORE_KEY_SPECIAL = /\\+(?=[,= \t\n\r\f\v]|$)/g;

// Fast paths: most names need no escaping, and the encoder's speed budget is a million points a second.
// eslint-disable-next-line no-control-regex -- as above
const NEEDS_ESCAPE = /[,= \\\u0000-\u001f\u007f]/;
const NEEDS_STRING_ESCAPE = /[\\"]/;

export const escapeMeasurement = (s: string): string =>
  NEEDS_ESCAPE.test(s) ? escapeWith(s, MEASUREMENT_SPECIAL, BACKSLASH_BEFORE_MEASUREMENT_SPECIAL) : s;
export const escapeKey = (s: string): string =>
  NEEDS_ESCAPE.test(s) ? escapeWith(s, KEY_SPECIAL, BACKSLASH_BEFORE_KEY_SPECIAL) : s;
/** String field values: only `"` and `\` are special inside the quotes. */
export const escapeStringField = (s: string): string =>
  NEEDS_STRING_ESCAPE.test(s) ? `"${s.replace(/[\\"]/g, '\\$&')}"` : `"${s}"`;

/** Integers beyond 1e9 print about three times faster as two small halves (the encoder's hot path). */
function intToString(v: number): string {
  if (v < 1e9 && v > -1e9) return String(v);
  if (!Number.isSafeInteger(v)) return String(v);
  const neg = v < 0;
  const a = neg ? -v : v;
  const hi = Math.floor(a / 1e9);
  const lo = String(a - hi * 1e9);
  return `${neg ? '-' : ''}${hi}${'000000000'.slice(lo.length)}${lo}`;
}

function encodeField(value: FieldValue): string | undefined {
  switch (typeof value) {
    case 'number':
      if (Number.isInteger(value)) return intToString(value);
      return Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
      return `${value}i`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return escapeStringField(value);
    default: {
      const v = value.int;
      if (typeof v === 'bigint') return `${v}i`;
      if (!Number.isFinite(v)) return undefined;
      const t = Math.trunc(v);
      return Number.isSafeInteger(t) ? `${intToString(t)}i` : `${BigInt(t)}i`;
    }
  }
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

// Measurement names and keys come from a small set: escape each once. Bounded, so odd input cannot grow it.
const keyCache = new Map<string, string>();
const measurementCache = new Map<string, string>();
function cached(cache: Map<string, string>, s: string, escape: (s: string) => string): string {
  let out = cache.get(s);
  if (out === undefined) {
    out = escape(s);
    if (cache.size > 4096) cache.clear();
    cache.set(s, out);
  }
  return out;
}
const cachedKey = (s: string) => cached(keyCache, s, escapeKey);
const cachedMeasurement = (s: string) => cached(measurementCache, s, escapeMeasurement);

function encodeTime(time: number | bigint, precision: Precision): string {
  if (typeof time === 'bigint') {
    if (precision === 'ns') return time.toString();
    return (time / (precision === 'ms' ? 1_000_000n : 1_000_000_000n)).toString();
  }
  if (precision === 's') return intToString(Math.floor(time / 1000));
  if (precision === 'ms') return intToString(Math.round(time));
  return (BigInt(Math.round(time)) * 1_000_000n).toString();
}

/**
 * Encodes one point, or returns undefined when it has no writable field (NaN and Infinity are dropped,
 * since InfluxDB rejects them). Tags are sorted, as InfluxDB recommends for write speed.
 */
export function encodePoint(p: Point, precision: Precision = 'ms'): string | undefined {
  let fields = '';
  for (const key in p.fields) {
    const raw = p.fields[key];
    if (raw === undefined || raw === null) continue;
    const enc = encodeField(raw);
    if (enc === undefined) continue;
    fields += fields ? `,${cachedKey(key)}=${enc}` : `${cachedKey(key)}=${enc}`;
  }
  if (!fields || !p.measurement) return undefined;
  let line = cachedMeasurement(p.measurement);
  if (p.tags) {
    const keys = Object.keys(p.tags);
    if (!isSorted(keys)) keys.sort();
    for (const k of keys) {
      const v = p.tags[k];
      if (v === undefined || v === '') continue; // InfluxDB does not allow empty tag values
      line += `,${cachedKey(k)}=${escapeKey(v)}`;
    }
  }
  line += ` ${fields}`;
  if (p.time !== undefined) line += ` ${encodeTime(p.time, precision)}`;
  // Reading a char flattens the rope that += built: a kept line is then one string, not ~60 pieces for the GC
  // to trace (sacct batches: ~40% faster; a line thrown away at once: ~20% slower).
  line.charCodeAt(0);
  return line;
}

/** Encodes many points into one body, skipping points with nothing to write. */
export function encodePoints(points: Iterable<Point>, precision: Precision = 'ms'): string {
  const lines: string[] = [];
  for (const p of points) {
    const line = encodePoint(p, precision);
    if (line !== undefined) lines.push(line);
  }
  return lines.join('\n');
}
