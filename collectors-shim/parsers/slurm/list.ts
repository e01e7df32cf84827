// The SLURM parsers, in the order `nomad-shim parsers` lists them.
import type { Parser } from '../types.ts';
import { sacctJsonParser } from './sacct-json.ts';
import { sacctParser } from './sacct.ts';
import { scontrolJobsParser } from './scontrol-jobs.ts';
import { scontrolNodesParser } from './scontrol-nodes.ts';
import { sdiagJsonParser } from './sdiag-json.ts';
import { sdiagParser } from './sdiag.ts';
import { sinfoJsonParser } from './sinfo-json.ts';
import { sinfoParser } from './sinfo.ts';
import { squeueJsonParser } from './squeue-json.ts';
import { squeueParser } from './squeue.ts';
import { sshareParser } from './sshare.ts';

export const slurmParsers: Parser[] = [
  squeueParser,
  squeueJsonParser,
  sinfoParser,
  sinfoJsonParser,
  sacctParser,
  sacctJsonParser,
  scontrolNodesParser,
  scontrolJobsParser,
  sdiagParser,
  sdiagJsonParser,
  sshareParser,
];
