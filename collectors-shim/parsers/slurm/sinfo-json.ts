// `sinfo -a --json`: the `nodes` array of Slurm 21.08 to 24.x (state a lower-case string with state_flags, or an
// upper-case list; cpu_load is the load times 100). The grouped `sinfo` rows some releases print instead are reported.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';
import { gpus, jsonErrors, num, parseJson, states, str } from './common.ts';
import { type NodeRow, nodePoints } from './nodes.ts';

const MB = 1024 * 1024;
const mb = (v: unknown) => {
  const x = num(v);
  return x === undefined ? undefined : x * MB;
};

export function readNodesJson(data: Record<string, unknown>, problems: Problem[]): NodeRow[] {
  if (!Array.isArray(data.nodes)) {
    const why = Array.isArray(data.sinfo)
      ? 'grouped "sinfo" rows are not read: run `scontrol show node --json` or text'
      : 'no "nodes" array';
    problems.push({ line: 1, text: '', reason: why });
    return [];
  }
  const rows: NodeRow[] = [];
  data.nodes.forEach((raw: unknown, i: number) => {
    const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const name = str(o.name);
    const [base, ...listFlags] = states(o.state);
    if (!name || !base)
      return void problems.push({ line: 0, text: `nodes[${i}]`, reason: 'node without name or state' });
    const flags = [...listFlags, ...states(o.state_flags)].map((f) => f.toUpperCase());
    const cpus = num(o.cpus);
    const alloc = num(o.alloc_cpus);
    const idle = num(o.idle_cpus) ?? (cpus !== undefined && alloc !== undefined ? cpus - alloc : undefined);
    const load = num(o.cpu_load);
    rows.push({
      name,
      partitions: Array.isArray(o.partitions) ? o.partitions.filter((p): p is string => typeof p === 'string') : [],
      state: base.toLowerCase(),
      flags: [...new Set(flags)],
      cpus,
      allocCpus: alloc,
      idleCpus: idle,
      otherCpus:
        cpus !== undefined && alloc !== undefined && idle !== undefined ? Math.max(0, cpus - alloc - idle) : undefined,
      cpuLoad: load === undefined ? undefined : load / 100,
      memoryBytes: mb(o.real_memory),
      freeMemoryBytes: mb(o.free_memory),
      allocMemoryBytes: mb(o.alloc_memory),
      gres: str(o.gres),
      gpus: gpus(str(o.gres)),
      gpusUsed: gpus(str(o.gres_used)),
      reason:
        str(o.reason) ??
        (o.reason && typeof o.reason === 'object' ? str((o.reason as Record<string, unknown>).description) : undefined),
    });
  });
  return rows;
}

export const sinfoJsonParser: Parser = {
  name: 'sinfo-json',
  command: commandLine(...COMMANDS['sinfo-json']),
  description: 'node state, flags, CPUs, load, memory, GPUs and reason; partition totals (JSON, Slurm 21.08-24.x)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { data, problem } = parseJson(text);
    if (!data) return { points: [], problems: [problem!] };
    const problems = jsonErrors(data);
    const rows = readNodesJson(data, problems);
    return { points: rows.length ? nodePoints(rows, ctx) : [], problems };
  },
};
