import { describe, expect, it } from 'vitest';
import { encodePoints } from '../../../functions/_lib/line-protocol.ts';
import { sinfoParser } from './sinfo.ts';
import { byMeasurement, captured, ctx, intOf } from './test-fixtures.ts';

const REASON = 'disk full, "sda" at 100% a=b \\ ünï';

describe('sinfo parser (text)', () => {
  it('merges the per-partition rows into one point per node, with drained and down nodes', () => {
    const r = sinfoParser.parse(captured('sinfo'), ctx);
    expect(r.problems).toEqual([]);
    const nodes = byMeasurement(r.points, 'slurm_nodes');
    expect(nodes.map((p) => p.tags?.name)).toEqual(['node1', 'node2', 'node3', 'node4']);
    const [n1, n2, , n4] = nodes;
    expect(n1!.fields).toMatchObject({ partitions: 'batch,debug', cpu_load: 1.88, gres: 'gpu:2', gpus: { int: 2 } });
    expect(n1!.fields.memory_bytes).toEqual({ int: 1500 * 1024 * 1024 });
    expect(n2!.tags?.state).toBe('draining');
    expect(n2!.fields).toMatchObject({ drain: true, reason: REASON });
    expect(n4!.tags?.state).toBe('down');
    expect(n4!.fields).toMatchObject({
      responding: false,
      flags: 'NOT_RESPONDING',
      reason: 'Not responding',
    });
    expect(intOf(n4!.fields.other_cpus)).toBe(4);
  });

  it('totals partitions with their availability', () => {
    const parts = byMeasurement(sinfoParser.parse(captured('sinfo'), ctx).points, 'slurm_partitions');
    const batch = parts.find((p) => p.tags?.name === 'batch')!;
    expect(batch.fields).toMatchObject({ state: 'up', available: true });
    expect(
      [batch.fields.total_nodes, batch.fields.total_cpus, batch.fields.nodes_down, batch.fields.nodes_drain].map(intOf),
    ).toEqual([4, 16, 1, 1]);
    expect(intOf(parts.find((p) => p.tags?.name === 'debug')!.fields.total_nodes)).toBe(2);
  });

  it('writes a reason full of special characters as one correct string field', () => {
    const n2 = byMeasurement(sinfoParser.parse(captured('sinfo'), ctx).points, 'slurm_nodes')[1]!;
    const line = encodePoints([n2]);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('reason="disk full, \\"sda\\" at 100% a=b \\\\ ünï"');
  });

  it('reports garbled and truncated rows with their line and keeps the others; empty is no nodes', () => {
    const lines = captured('sinfo').split('\n');
    lines.splice(2, 0, 'node9|batch|up|idle|4|x/y|0|1|1|(null)|none');
    const g = sinfoParser.parse(lines.join('\n'), ctx);
    expect(g.problems).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('CPU counts') })]);
    expect(byMeasurement(g.points, 'slurm_nodes')).toHaveLength(4);
    // Cut inside node3's row: before its free-text column, so the cut is visible.
    const t = sinfoParser.parse(captured('sinfo').slice(0, captured('sinfo').indexOf('node3') + 12), ctx);
    expect(t.problems).toEqual([expect.objectContaining({ line: 5 })]);
    expect(byMeasurement(t.points, 'slurm_nodes')).toHaveLength(2);
    expect(sinfoParser.parse('', ctx)).toEqual({ points: [], problems: [] });
  });
});
