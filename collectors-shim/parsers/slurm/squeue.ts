// `squeue -h -a -o '%i|%P|%T|%u|%a|%D|%C|%m|%V|%S|%l|%Q|%r|%j'`: one row per job, the job name (free text) last.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';
import { JOB_ID, leadingInt, slurmTime } from './common.ts';
import { eachPipeRow } from './row-helpers.ts';
import { type QueueJob, queueTally } from './queue.ts';

const COLUMNS = 14;
const STATE = /^[A-Z_]+$/;

export function readSqueueText(text: string): { jobs: QueueJob[]; problems: Problem[] } {
  const jobs: QueueJob[] = [];
  const { problems } = eachSqueueJob(text, (j) => jobs.push(j));
  return { jobs, problems };
}

/** Hands each job to `onJob` as it is read (nothing kept); returns the problems and how many jobs were read. */
export function eachSqueueJob(text: string, onJob: (j: QueueJob) => void): { problems: Problem[]; jobs: number } {
  let jobs = 0;
  const bad: Problem[] = [];
  const problems = eachPipeRow(
    text,
    COLUMNS,
    (l) => JOB_ID.test(l),
    (line, cells) => {
      // By index, not by destructuring: this runs once per job in the queue (20,000 a cycle on a large cluster).
      const state = cells[2]!;
      const job = {
        id: leadingInt(cells[0]!),
        partition: cells[1]!,
        state,
        user: cells[3]!,
        nodes: Number(cells[5]),
        cpus: Number(cells[6]),
        submitMs: slurmTime(cells[8]),
        reason: cells[12]!,
      };
      if (!STATE.test(state) || !Number.isInteger(job.nodes) || !Number.isInteger(job.cpus))
        return void bad.push({ line, text: cells.join('|'), reason: 'bad state, node or CPU count' });
      jobs++;
      onJob(job);
    },
  );
  return { problems: [...problems, ...bad], jobs };
}

export const squeueParser: Parser = {
  name: 'squeue',
  command: commandLine(...COMMANDS.squeue),
  description: 'queue counts per partition, state and reason; per user; cluster totals (text)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const q = queueTally(ctx);
    const { jobs, problems } = eachSqueueJob(text, q.add);
    return { points: jobs || !problems.length ? q.points() : [], problems };
  },
};
