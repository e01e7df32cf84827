// Node, license and storage parsers, in the order `nomad-shim parsers` lists them.
import type { Parser } from '../types.ts';

export const hostParsers: Parser[] = [];
