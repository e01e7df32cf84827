// Every parser by name, for `nomad-shim parse` and `nomad-shim parsers`.
import { dfParser } from './df.ts';
import type { Parser } from './types.ts';

export const parsers: Parser[] = [dfParser];

export const findParser = (name: string): Parser | undefined => parsers.find((p) => p.name === name);
