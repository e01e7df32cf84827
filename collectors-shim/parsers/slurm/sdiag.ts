// `sdiag` text into one slurm_diag point, with the field names of `sdiag --json` (Telegraf's slurm_diag uses them
// too), so text and JSON agree. RPC tables are summed; lines of a later release we do not know are skipped quietly.
import { type Point, int } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';

const MAIN: Record<string, string> = {
  'Server thread count': 'server_thread_count',
  'Agent queue size': 'agent_queue_size',
  'Agent count': 'agent_count',
  'Agent thread count': 'agent_thread_count',
  'DBD Agent queue size': 'dbd_agent_queue_size',
  'Jobs submitted': 'jobs_submitted',
  'Jobs started': 'jobs_started',
  'Jobs completed': 'jobs_completed',
  'Jobs canceled': 'jobs_canceled',
  'Jobs failed': 'jobs_failed',
  'Jobs pending': 'jobs_pending',
  'Jobs running': 'jobs_running',
};
const SCHED: Record<string, string> = {
  'Last cycle': 'schedule_cycle_last',
  'Max cycle': 'schedule_cycle_max',
  'Total cycles': 'schedule_cycle_total',
  'Mean cycle': 'schedule_cycle_mean',
  'Mean depth cycle': 'schedule_cycle_mean_depth',
  'Cycles per minute': 'schedule_cycle_per_minute',
  'Last queue length': 'schedule_queue_length',
};
const BACKFILL: Record<string, string> = {
  'Total backfilled jobs (since last slurm start)': 'bf_backfilled_jobs',
  'Total backfilled jobs (since last stats cycle start)': 'bf_last_backfilled_jobs',
  'Total backfilled heterogeneous job components': 'bf_backfilled_het_jobs',
  'Total cycles': 'bf_cycle_counter',
  'Last cycle': 'bf_cycle_last',
  'Max cycle': 'bf_cycle_max',
  'Mean cycle': 'bf_cycle_mean',
  'Last depth cycle': 'bf_last_depth',
  'Last depth cycle (try sched)': 'bf_last_depth_try',
  'Depth Mean': 'bf_depth_mean',
  'Depth Mean (try depth)': 'bf_depth_mean_try',
  'Last queue length': 'bf_queue_len',
  'Queue length mean': 'bf_queue_len_mean',
  'Last table size': 'bf_table_size',
  'Mean table size': 'bf_table_size_mean',
};
const RPC = /^\s*\S+\s+\(\s*\d+\)\s+count:(\d+)\s+ave_time:(\d+)\s+total_time:(\d+)/;

export function readSdiagText(text: string): { fields: Record<string, number>; problems: Problem[] } {
  const fields: Record<string, number> = {};
  const problems: Problem[] = [];
  let section: Record<string, string> = MAIN;
  let rpc: 'type' | 'user' | 'pending' | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || /^\*+$/.test(line) || /^(sdiag output at|Data since)/.test(line)) return;
    if (/^Main schedule statistics/.test(line)) return void ((section = SCHED), (rpc = undefined));
    if (/^Backfilling stats/.test(line)) return void ((section = BACKFILL), (rpc = undefined));
    if (/^Remote Procedure Call statistics by message type/.test(line)) return void (rpc = 'type');
    if (/^Remote Procedure Call statistics by user/.test(line)) return void (rpc = 'user');
    if (/^Pending RPC statistics/.test(line)) return void (rpc = 'pending');
    const lat = /^Latency for 1000 calls to gettimeofday\(\):\s*(\d+)/.exec(line);
    if (lat) return void (fields.gettimeofday_latency = Number(lat[1]));
    const r = RPC.exec(line);
    if (r && rpc === 'type') {
      fields.rpc_count_total = (fields.rpc_count_total ?? 0) + Number(r[1]);
      fields.rpc_time_total_us = (fields.rpc_time_total_us ?? 0) + Number(r[3]);
      return;
    }
    if (r || rpc) return; // per-user and pending RPC rows: not kept
    const kv = /^\s*([^:]+?):\s+(-?\d+(?:\.\d+)?)\b(.*)$/.exec(line);
    if (!kv) {
      if (/^\s*[A-Za-z][^:]*:\s*\S/.test(line)) return; // a known shape with a non-numeric value (e.g. a date)
      return void problems.push({ line: i + 1, text: line, reason: 'not an sdiag "name: value" line' });
    }
    const [, key = '', value = '', rest = ''] = kv;
    const name = section[key] ?? MAIN[key];
    if (key === 'Last cycle when') {
      const epoch = /\((\d+)\)/.exec(rest);
      if (epoch) fields.bf_when_last_cycle = Number(epoch[1]);
      return;
    }
    if (name) fields[name] = Number(value);
  });
  if (!Object.keys(fields).length && text.trim())
    problems.push({ line: 1, text: text.split('\n')[0] ?? '', reason: 'no sdiag statistics found' });
  return { fields, problems };
}

/** Counts are integers; means and per-minute rates stay integers too in Slurm (it prints them rounded). */
export function diagPoint(fields: Record<string, number>, ctx: ParseContext): Point {
  const out: Point['fields'] = {};
  for (const [k, v] of Object.entries(fields)) out[k] = Number.isInteger(v) ? int(v) : v;
  return { measurement: 'slurm_diag', tags: { ...ctx.tags }, fields: out, time: ctx.now };
}

export const sdiagParser: Parser = {
  name: 'sdiag',
  command: commandLine(...COMMANDS.sdiag),
  description:
    'scheduler health: threads, agent and DBD queues, job counters, main and backfill cycle times, RPC totals (text)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { fields, problems } = readSdiagText(text);
    return { points: Object.keys(fields).length ? [diagPoint(fields, ctx)] : [], problems };
  },
};
