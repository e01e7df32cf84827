// The SLURM parsers, in the order `nomad-shim parsers` lists them.
import type { Parser } from '../types.ts';

export const slurmParsers: Parser[] = [];
