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
const NEEDS_ESCAPE = /[,= \\\u0000-\u001f\u007f]/;
const NEEDS_STRING_ESCAPE = /[\\"]/;

export const escapeMeasurement = (s: string): string =>
  NEEDS_ESCAPE.test(s) ? escapeWith(s, MEASUREMENT_SPECIAL, BACKSLASH_BEFORE_MEASUREMENT_SPECIAL) : s;
export const escapeKey = (s: string): string =>
  NEEDS_ESCAPE.test(s) ? escapeWith(s, KEY_SPECIAL, BACKSLASH_BEFORE_KEY_SPECIAL) : s;
/** String field values: only `"` and `\` are special inside the quotes. */
export const escapeStringField = (s: string): string =>
  NEEDS_STRING_ESCAPE.test(s) ? `"${s.replace(/[\\"]/g, '\\$&')}"` : `"${s}"`;

function encodeField(value: FieldValue): string | undefined {
  switch (typeof value) {
    case 'number':
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
      return Number.isFinite(v) ? `${Math.trunc(v)}i` : undefined;
    }
  }
}

function encodeTime(time: number | bigint, precision: Precision): string {
  if (typeof time === 'bigint') {
    if (precision === 'ns') return time.toString();
    return (time / (precision === 'ms' ? 1_000_000n : 1_000_000_000n)).toString();
  }
  if (precision === 's') return String(Math.floor(time / 1000));
  if (precision === 'ms') return String(Math.round(time));
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
    fields += `${fields ? ',' : ''}${escapeKey(key)}=${enc}`;
  }
  if (!fields || !p.measurement) return undefined;
  let line = escapeMeasurement(p.measurement);
  if (p.tags) {
    const keys = Object.keys(p.tags).sort();
    for (const k of keys) {
      const v = p.tags[k];
      if (v === undefined || v === '') continue; // InfluxDB does not allow empty tag values
      line += `,${escapeKey(k)}=${escapeKey(v)}`;
    }
  }
  line += ` ${fields}`;
  if (p.time !== undefined) line += ` ${encodeTime(p.time, precision)}`;
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
