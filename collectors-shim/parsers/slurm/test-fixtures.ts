// Test helpers: real fixtures by name (test/fixtures/, captured/slurm/) and a fixed parse context.
import { readFileSync } from 'node:fs';
import type { Point } from '../../../functions/_lib/line-protocol.ts';

export const VERSION = '22.05.8';
export const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');
export const captured = (parser: string, ext = parser.endsWith('json') ? 'json' : 'txt'): string =>
  fixture(`captured/slurm/${parser}.slurm-${VERSION}.${ext}`);
/** A minute after the capture, so wait times are positive. */
export const ctx = { now: Date.parse('2026-11-25T01:19:00Z'), tags: { cluster: 'c1', host: 'head' } };
export const NASTY_NAME = 'nasty job, "quoted" a=b \\ back ünïcødé 日本';
/** slurmdbd stores `"` as a backtick: that is what sacct prints for the same job. */
export const NASTY_NAME_SACCT = NASTY_NAME.replaceAll('"', '`');

export const byMeasurement = (points: Point[], m: string): Point[] => points.filter((p) => p.measurement === m);
export const intOf = (v: unknown): number | undefined =>
  v && typeof v === 'object' && 'int' in v ? Number((v as { int: number }).int) : undefined;
/** Cuts real output mid-line, as a killed command or a full pipe would. */
export const truncate = (text: string, fraction = 0.6): string => text.slice(0, Math.floor(text.length * fraction));
