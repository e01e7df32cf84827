// `sinfo -h -a -N -o '%N|%P|%a|%T|%c|%C|%O|%m|%e|%G|%E'`: a row per node per partition, the reason (free text) last.
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { COMMANDS, commandLine } from './commands.ts';
import { bytes, gpus } from './common.ts';
import { pipeRows } from './row-helpers.ts';
import { type NodeRow, nodePoints, splitState } from './nodes.ts';

const COLUMNS = 11;
const NODE_ROW = /^[^|\s]+\|[^|]*\|[a-z]*\|/;
const n = (s: string | undefined) =>
  s === undefined || s === '' || s === 'N/A' || !Number.isFinite(Number(s)) ? undefined : Number(s);

export function readSinfoText(text: string): { rows: NodeRow[]; problems: Problem[] } {
  const { rows, problems } = pipeRows(text, COLUMNS, (l) => NODE_ROW.test(l));
  const out: NodeRow[] = [];
  for (const { line, cells } of rows) {
    const [name = '', partition = '', avail = '', rawState = '', cpus, aiot = '', load, mem, free, gres, reason] =
      cells;
    const cpuCounts = aiot.split('/').map(Number);
    if (cpuCounts.length !== 4 || cpuCounts.some((c) => !Number.isInteger(c)) || !rawState) {
      problems.push({ line, text: cells.join('|'), reason: 'bad CPU counts (A/I/O/T) or empty state' });
      continue;
    }
    const part = partition.replace(/\*$/, ''); // `*` marks the default partition
    out.push({
      name,
      partitions: [part],
      ...splitState(rawState),
      cpus: n(cpus),
      allocCpus: cpuCounts[0],
      idleCpus: cpuCounts[1],
      otherCpus: cpuCounts[2],
      cpuLoad: n(load),
      memoryBytes: bytes(mem, 'M'),
      freeMemoryBytes: bytes(free, 'M'),
      gres: gres === '(null)' ? '' : gres,
      gpus: gpus(gres),
      reason: reason === 'none' ? '' : reason,
      partitionState: { [part]: avail },
    });
  }
  return { rows: out, problems };
}

export const sinfoParser: Parser = {
  name: 'sinfo',
  command: commandLine(...COMMANDS.sinfo),
  description: 'node state, flags, CPUs, load, memory, GPUs and reason; partition totals (text)',
  parse(text: string, ctx: ParseContext): ParseResult {
    const { rows, problems } = readSinfoText(text);
    return { points: rows.length ? nodePoints(rows, ctx) : [], problems };
  },
};
