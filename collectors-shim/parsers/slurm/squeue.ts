// `squeue -h -a -o '%i|%P|%T|%u|%a|%D|%C|%m|%V|%S|%l|%Q|%r|%j'`: one row per job, the job name (free text) last.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';
import { JOB_ID, pipeRows, slurmTime } from './common.ts';
import { type QueueJob, queuePoints } from './queue.ts';

const COLUMNS = 14;

export function readSqueueText(text: string): { jobs: QueueJob[]; problems: Problem[] } {
  const { rows, problems } = pipeRows(text, COLUMNS, (l) => JOB_ID.test(l));
  const jobs: QueueJob[] = [];
  for (const { line, cells } of rows) {
    const [id = '', partition = '', state = '', user = '', , nodes = '', cpus = '', , submit, , , , reason = ''] =
      cells;
    const job = {
      id: Number(/^\d+/.exec(id)?.[0]),
      partition,
      state,
      user,
      nodes: Number(nodes),
      cpus: Number(cpus),
      submitMs: slurmTime(submit),
      reason,
    };
    if (!/^[A-Z_]+$/.test(state) || !Number.isInteger(job.nodes) || !Number.isInteger(job.cpus)) {
      problems.push({ line, text: cells.join('|'), reason: 'bad state, node or CPU count' });
      continue;
    }
    jobs.push(job);
  }
  return { jobs, problems };
}

export const squeueParser: Parser = {
  name: 'squeue',
  command: commandLine(...COMMANDS.squeue),
  description: 'queue counts per partition, state and reason; per user; cluster totals (text)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { jobs, problems } = readSqueueText(text);
    return { points: jobs.length || !problems.length ? queuePoints(jobs, ctx) : [], problems };
  },
};
