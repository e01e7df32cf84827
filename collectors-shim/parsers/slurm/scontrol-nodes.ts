// `scontrol -o show node`: one line per node with every detail (state and flags, CPUs, load, memory, GRES, reason).
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';
import { bytes, gpus, tres } from './common.ts';
import { readKeyValues } from './keyvalue.ts';
import { type NodeRow, nodePoints, splitState } from './nodes.ts';

const n = (s: string | undefined) =>
  s === undefined || s === '' || !Number.isFinite(Number(s)) ? undefined : Number(s);

export function readScontrolNodes(text: string): { rows: NodeRow[]; problems: Problem[] } {
  const rows: NodeRow[] = [];
  const problems: Problem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || /^No nodes in the system/.test(line)) return;
    const kv = readKeyValues(line, { tail: ['Reason'] });
    const name = kv.get('NodeName');
    const state = kv.get('State');
    const cpus = n(kv.get('CPUTot'));
    if (!name || !state || cpus === undefined)
      return void problems.push({ line: i + 1, text: line.slice(0, 200), reason: 'no NodeName, State or CPUTot' });
    const alloc = n(kv.get('CPUAlloc')) ?? 0;
    const s = splitState(state);
    const down = s.state === 'down' || s.flags.includes('DRAIN');
    const reason = (kv.get('Reason') ?? '').replace(/\s*\[[^\]]*@[^\]]*\]\s*$/, ''); // drop the trailing [user@time]
    rows.push({
      name,
      partitions: (kv.get('Partitions') ?? '').split(',').filter(Boolean),
      ...s,
      cpus,
      allocCpus: alloc,
      idleCpus: down ? 0 : cpus - alloc,
      otherCpus: down ? cpus - alloc : 0,
      cpuLoad: n(kv.get('CPULoad')),
      memoryBytes: bytes(kv.get('RealMemory'), 'M'),
      freeMemoryBytes: bytes(kv.get('FreeMem'), 'M'),
      allocMemoryBytes: bytes(kv.get('AllocMem'), 'M'),
      gres: kv.get('Gres') === '(null)' ? '' : kv.get('Gres'),
      gpus: gpus(kv.get('Gres')),
      gpusUsed: tres(kv.get('AllocTRES'))['gres/gpu'] ?? 0,
      reason,
    });
  });
  return { rows, problems };
}

export const scontrolNodesParser: Parser = {
  name: 'scontrol-nodes',
  command: commandLine(...COMMANDS['scontrol-nodes']),
  description: 'node state, flags, CPUs, load, memory, GPUs and reason; partition totals (scontrol one-liners)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { rows, problems } = readScontrolNodes(text);
    return { points: rows.length ? nodePoints(rows, ctx) : [], problems };
  },
};
