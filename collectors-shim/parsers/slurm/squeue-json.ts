// `squeue -a --json`, Slurm 21.08 to 24.x: numbers plain or `{set, infinite, number}`, job_state a string or a list.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';
import { epochMs, jsonErrors, num, parseJson, states, str } from './common.ts';
import { type QueueJob, queuePoints } from './queue.ts';

export function readSqueueJson(text: string): { jobs: QueueJob[]; problems: Problem[]; ok: boolean } {
  const { data, problem } = parseJson(text);
  if (!data) return { jobs: [], problems: [problem!], ok: false };
  const problems = jsonErrors(data);
  if (!Array.isArray(data.jobs))
    return { jobs: [], problems: [...problems, { line: 1, text: '', reason: 'no "jobs" array' }], ok: false };
  const jobs: QueueJob[] = [];
  data.jobs.forEach((raw: unknown, i: number) => {
    // A plain check, not a schema: one schema parse per job cost more than the rest of the parser.
    const j = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
    const id = num(j.job_id);
    const state = states(j.job_state)[0];
    if (id === undefined || !state)
      return void problems.push({ line: 0, text: `jobs[${i}]`, reason: 'job without job_id or job_state' });
    jobs.push({
      id,
      partition: str(j.partition) ?? '',
      state: state.toUpperCase(),
      user: str(j.user_name) ?? String(num(j.user_id) ?? ''),
      nodes: num(j.node_count) ?? 0,
      cpus: num(j.cpus) ?? 0,
      submitMs: epochMs(j.submit_time),
      reason: str(j.state_reason) ?? 'None',
    });
  });
  return { jobs, problems, ok: true };
}

export const squeueJsonParser: Parser = {
  name: 'squeue-json',
  command: commandLine(...COMMANDS['squeue-json']),
  description: 'queue counts per partition, state and reason; per user; cluster totals (JSON, Slurm 21.08-24.x)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { jobs, problems, ok } = readSqueueJson(text);
    return { points: ok ? queuePoints(jobs, ctx) : [], problems };
  },
};
