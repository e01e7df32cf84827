// Node and partition points from any node listing (sinfo text or JSON, scontrol show node): slurm_nodes, one point
// per node (tag `name`, as Telegraf), and slurm_partitions, totals per partition computed from the same rows.
import { type Point, int } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext } from '../types.ts';
import { withTags } from './common.ts';

export interface NodeRow {
  name: string;
  partitions: string[];
  /** Base state, lower case: idle, mixed, allocated, down, drained, draining, unknown, … */
  state: string;
  /** Upper-case flags: DRAIN, NOT_RESPONDING, POWERED_DOWN, … */
  flags: string[];
  cpus?: number;
  allocCpus?: number;
  idleCpus?: number;
  otherCpus?: number;
  cpuLoad?: number;
  memoryBytes?: number;
  freeMemoryBytes?: number;
  allocMemoryBytes?: number;
  gres?: string;
  gpus?: number;
  gpusUsed?: number;
  reason?: string;
  /** Partition availability (up, down, drain, inact) by partition name, when the source has it. */
  partitionState?: Record<string, string>;
}

// sinfo's state suffixes: * not responding, ~ powered off, # powering up, ! powering down, % powering off, $ maintenance, @ reboot, ^ reboot issued, - planned.
const SUFFIX: Record<string, string> = {
  '*': 'NOT_RESPONDING',
  '~': 'POWERED_DOWN',
  '#': 'POWERING_UP',
  '!': 'POWER_DOWN',
  '%': 'POWERING_DOWN',
  $: 'MAINTENANCE',
  '@': 'REBOOT_REQUESTED',
  '^': 'REBOOT_ISSUED',
  '-': 'PLANNED',
};

/** `down*`, `mixed+drain`, `ALLOCATED+DRAIN`, `idle~` into a base state and flags. */
export function splitState(raw: string): { state: string; flags: string[] } {
  let s = raw.trim();
  const flags: string[] = [];
  while (s && SUFFIX[s.at(-1)!]) {
    flags.push(SUFFIX[s.at(-1)!]!);
    s = s.slice(0, -1);
  }
  const [base = '', ...more] = s.split('+');
  flags.push(...more.map((f) => f.toUpperCase()));
  const state = base.toLowerCase();
  if ((state === 'drained' || state === 'draining' || state === 'drain') && !flags.includes('DRAIN'))
    flags.push('DRAIN');
  return { state, flags };
}

/** Merges rows of the same node (sinfo -N prints one per partition). */
export function mergeNodes(rows: NodeRow[]): NodeRow[] {
  const byName = new Map<string, NodeRow>();
  for (const r of rows) {
    const seen = byName.get(r.name);
    if (!seen) byName.set(r.name, { ...r, partitions: [...r.partitions], partitionState: { ...r.partitionState } });
    else {
      for (const p of r.partitions) if (!seen.partitions.includes(p)) seen.partitions.push(p);
      Object.assign(seen.partitionState ?? {}, r.partitionState);
    }
  }
  return [...byName.values()];
}

const maybeInt = (n: number | undefined) => (n === undefined ? undefined : int(n));

export function nodePoints(rows: NodeRow[], ctx: ParseContext): Point[] {
  const nodes = mergeNodes(rows);
  const points: Point[] = nodes.map((n) => ({
    measurement: 'slurm_nodes',
    tags: withTags(ctx.tags, { name: n.name, state: n.state }),
    fields: {
      flags: n.flags.join(','),
      drain: n.flags.includes('DRAIN'),
      responding: !n.flags.includes('NOT_RESPONDING'),
      partitions: n.partitions.join(','),
      cpus: maybeInt(n.cpus),
      alloc_cpus: maybeInt(n.allocCpus),
      idle_cpus: maybeInt(n.idleCpus),
      other_cpus: maybeInt(n.otherCpus),
      cpu_load: n.cpuLoad,
      memory_bytes: maybeInt(n.memoryBytes),
      free_memory_bytes: maybeInt(n.freeMemoryBytes),
      alloc_memory_bytes: maybeInt(n.allocMemoryBytes),
      gres: n.gres,
      gpus: maybeInt(n.gpus),
      gpus_used: maybeInt(n.gpusUsed),
      reason: n.reason,
    },
    time: ctx.now,
  }));
  return [...points, ...partitionPoints(nodes, ctx)];
}

function partitionPoints(nodes: NodeRow[], ctx: ParseContext): Point[] {
  const parts = new Map<string, { state?: string; n: Record<string, number> }>();
  for (const node of nodes)
    for (const p of node.partitions) {
      let e = parts.get(p);
      if (!e) parts.set(p, (e = { n: {} }));
      e.state ??= node.partitionState?.[p];
      const bump = (k: string, v = 1) => (e.n[k] = (e.n[k] ?? 0) + v);
      bump('total_nodes');
      bump('total_cpus', node.cpus ?? 0);
      bump('alloc_cpus', node.allocCpus ?? 0);
      bump('idle_cpus', node.idleCpus ?? 0);
      bump('other_cpus', node.otherCpus ?? 0);
      bump('total_gpus', node.gpus ?? 0);
      const down = node.state === 'down' || node.flags.includes('NOT_RESPONDING');
      const drain = node.flags.includes('DRAIN');
      bump(
        down
          ? 'nodes_down'
          : drain
            ? 'nodes_drain'
            : ['idle', 'mixed', 'allocated'].includes(node.state)
              ? `nodes_${node.state}`
              : 'nodes_other',
        1,
      );
      if (!down && !drain) bump('available_cpus', node.cpus ?? 0);
    }
  return [...parts].map(([name, e]) => {
    const fields: Point['fields'] = { state: e.state, available: e.state === undefined ? undefined : e.state === 'up' };
    for (const k of [
      'total_nodes',
      'total_cpus',
      'alloc_cpus',
      'idle_cpus',
      'other_cpus',
      'available_cpus',
      'total_gpus',
      'nodes_idle',
      'nodes_mixed',
      'nodes_allocated',
      'nodes_down',
      'nodes_drain',
      'nodes_other',
    ])
      fields[k] = int(e.n[k] ?? 0);
    return { measurement: 'slurm_partitions', tags: withTags(ctx.tags, { name }), fields, time: ctx.now };
  });
}
