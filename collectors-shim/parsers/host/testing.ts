// Test helpers for the host parsers: fixtures are read from test/fixtures, never typed in a test.
import { readFileSync } from 'node:fs';
import type { ParseContext } from '../types.ts';

export const fixturePath = (name: string): string =>
  new URL(`../../../test/fixtures/${name}`, import.meta.url).pathname;
export const fixture = (name: string): string => readFileSync(fixturePath(name), 'utf8');
export const ctx: ParseContext = { now: 1_700_000_000_000, tags: { host: 'h1' } };
