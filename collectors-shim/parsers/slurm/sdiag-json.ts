// `sdiag --json` (Slurm 23.02+; 22.05 has no --json for sdiag): every numeric statistic, `schedule_exit`/`bf_exit`
// counters with their prefix, and RPC totals. Numbers may be plain or `{set, infinite, number}`.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';
import { jsonErrors, num, parseJson } from './common.ts';
import { diagPoint } from './sdiag.ts';

export function readSdiagJson(text: string): { fields: Record<string, number>; problems: Problem[] } {
  const { data, problem } = parseJson(text);
  if (!data) return { fields: {}, problems: [problem!] };
  const problems = jsonErrors(data);
  const stats = data.statistics;
  if (!stats || typeof stats !== 'object')
    return { fields: {}, problems: [...problems, { line: 1, text: '', reason: 'no "statistics" object' }] };
  const fields: Record<string, number> = {};
  for (const [k, v] of Object.entries(stats as Record<string, unknown>)) {
    const n = num(v);
    if (n !== undefined) fields[k] = n;
    else if ((k === 'schedule_exit' || k === 'bf_exit') && v && typeof v === 'object')
      for (const [k2, v2] of Object.entries(v)) {
        const n2 = num(v2);
        if (n2 !== undefined) fields[`${k}_${k2}`] = n2;
      }
    else if (k === 'rpcs_by_message_type' && Array.isArray(v))
      for (const r of v as Array<Record<string, unknown>>) {
        fields.rpc_count_total = (fields.rpc_count_total ?? 0) + (num(r.count) ?? 0);
        fields.rpc_time_total_us = (fields.rpc_time_total_us ?? 0) + (num(r.total_time) ?? 0);
      }
  }
  for (const k of ['req_time', 'req_time_start', 'job_states_ts']) delete fields[k]; // timestamps, not statistics
  return { fields, problems };
}

export const sdiagJsonParser: Parser = {
  name: 'sdiag-json',
  command: commandLine(...COMMANDS['sdiag-json']),
  description:
    'scheduler health: threads, agent and DBD queues, job counters, main and backfill cycle times, RPC totals (JSON)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { fields, problems } = readSdiagJson(text);
    return { points: Object.keys(fields).length ? [diagPoint(fields, ctx)] : [], problems };
  },
};
