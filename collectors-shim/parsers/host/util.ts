// Small helpers the host parsers share: line splitting, problems, numbers.
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Problem } from '../types.ts';

export interface Line {
  no: number;
  text: string;
}

/** Non-blank lines with their 1-based numbers, CR stripped. */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.replace(/\r$/, '');
    if (t.trim()) out.push({ no: i + 1, text: t });
  });
  return out;
}

export const problem = (line: number, text: string, reason: string): Problem => ({ line, text, reason });

/** Empty output is never a valid reading for these commands: say so instead of returning silence. */
export function emptyResult(what: string): ParseResult {
  return { points: [], problems: [problem(0, '', `empty output: no ${what} found`)] };
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/** A plain decimal number, or undefined (hex, N/A, empty and words are not numbers here). */
export function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

export function point(
  measurement: string,
  ctx: ParseContext,
  tags: Record<string, string | undefined>,
  fields: Point['fields'],
): Point {
  return { measurement, tags: { ...ctx.tags, ...tags }, fields, time: ctx.now };
}

/** Byte sizes as ZFS, quota and iostat tools print them (1.5K, 20G, 3.2T), base 1024. */
export function parseSize(s: string): number | undefined {
  const m = /^(-?\d+(?:\.\d+)?)([KMGTPE])?(?:i?B)?$/i.exec(s.trim());
  if (!m) return undefined;
  const power = m[2] ? 'KMGTPE'.indexOf(m[2].toUpperCase()) + 1 : 0;
  return Math.round(Number(m[1]) * 1024 ** power);
}
