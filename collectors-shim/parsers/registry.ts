// Every parser by name, for `nomad-shim parse` and `nomad-shim parsers`.
import { dfParser } from './df.ts';
import { hostParsers } from './host/list.ts';
import { slurmParsers } from './slurm/list.ts';
import type { Parser } from './types.ts';

export const parsers: Parser[] = [dfParser, ...slurmParsers, ...hostParsers];

export const findParser = (name: string): Parser | undefined => parsers.find((p) => p.name === name);
