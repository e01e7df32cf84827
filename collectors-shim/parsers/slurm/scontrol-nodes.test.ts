import { describe, expect, it } from 'vitest';
import { scontrolNodesParser } from './scontrol-nodes.ts';
import { byMeasurement, captured, ctx, truncate } from './test-fixtures.ts';

describe('scontrol-nodes parser', () => {
  it('reads every node with state flags, memory, GPUs in use and the reason (without its [user@time])', () => {
    const r = scontrolNodesParser.parse(captured('scontrol-nodes'), ctx);
    expect(r.problems).toEqual([]);
    const nodes = byMeasurement(r.points, 'slurm_nodes');
    expect(nodes).toHaveLength(4);
    expect(nodes[1]!.fields).toMatchObject({
      drain: true,
      partitions: 'debug,batch',
      gpus_used: { int: 1 },
      alloc_memory_bytes: { int: 200 * 1024 * 1024 },
      reason: 'disk full, "sda" at 100% a=b \\ ünï',
    });
    expect(nodes[3]!.tags?.state).toBe('down');
    expect(nodes[3]!.fields.responding).toBe(false);
    expect(byMeasurement(r.points, 'slurm_partitions')).toHaveLength(2);
  });

  it('reports a truncated line and keeps the complete ones; empty output is no nodes', () => {
    const r = scontrolNodesParser.parse(truncate(captured('scontrol-nodes'), 0.6), ctx);
    expect(byMeasurement(r.points, 'slurm_nodes').length).toBeGreaterThanOrEqual(2);
    expect(r.problems).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('no NodeName') })]);
    expect(scontrolNodesParser.parse('', ctx)).toEqual({ points: [], problems: [] });
    expect(scontrolNodesParser.parse('garbage here\n', ctx).problems).toHaveLength(1);
  });
});
