import { describe, expect, it } from 'vitest';
import { sinfoJsonParser } from './sinfo-json.ts';
import { sinfoParser } from './sinfo.ts';
import { byMeasurement, captured, ctx, fixture, intOf, truncate } from './test-fixtures.ts';

describe('sinfo-json parser', () => {
  it('reads 22.05 captured nodes like the text of the same moment (cpu_load is x100 in JSON)', () => {
    const r = sinfoJsonParser.parse(captured('sinfo-json'), ctx);
    expect(r.problems).toEqual([]);
    const json = byMeasurement(r.points, 'slurm_nodes');
    const text = byMeasurement(sinfoParser.parse(captured('sinfo'), ctx).points, 'slurm_nodes');
    expect(
      json.map((p) => [p.tags?.name, p.fields.cpu_load, p.fields.drain, p.fields.responding, p.fields.reason]),
    ).toEqual(text.map((p) => [p.tags?.name, p.fields.cpu_load, p.fields.drain, p.fields.responding, p.fields.reason]));
    const n2 = json[1]!;
    expect(n2.tags?.state).toBe('allocated');
    expect(n2.fields).toMatchObject({ flags: 'DRAIN', gpus_used: { int: 1 } });
    expect(intOf(n2.fields.alloc_memory_bytes)).toBe(200 * 1024 * 1024);
  });

  it('reads 21.08 output (another cluster, no GRES)', () => {
    const r = sinfoJsonParser.parse(fixture('sinfo-json.rivosinc-slurm-21.08.5.json'), ctx);
    expect(r.problems).toEqual([]);
    const nodes = byMeasurement(r.points, 'slurm_nodes');
    expect(nodes.map((p) => p.tags?.state)).toEqual(['mixed', 'idle', 'allocated', 'down']);
    expect(nodes[0]!.fields).toMatchObject({
      cpus: { int: 64 },
      alloc_cpus: { int: 4 },
      cpu_load: 0.01,
      partitions: 'hw',
    });
    expect(intOf(byMeasurement(r.points, 'slurm_partitions')[0]!.fields.total_cpus)).toBe(256);
  });

  it('reads an upper-case state list (23.02+ shape)', () => {
    const doc = JSON.parse(captured('sinfo-json'));
    for (const n of doc.nodes) n.state = [n.state.toUpperCase(), ...n.state_flags];
    const nodes = byMeasurement(sinfoJsonParser.parse(JSON.stringify(doc), ctx).points, 'slurm_nodes');
    expect(nodes[1]!.tags?.state).toBe('allocated');
    expect(nodes[1]!.fields.drain).toBe(true);
  });

  it('reports truncated, empty and grouped-row output, and a nameless node, keeping the rest', () => {
    expect(sinfoJsonParser.parse(truncate(captured('sinfo-json')), ctx).problems[0]!.reason).toMatch(/JSON/);
    expect(sinfoJsonParser.parse('', ctx).problems).toHaveLength(1);
    expect(sinfoJsonParser.parse('{"sinfo": []}', ctx).problems[0]!.reason).toMatch(/grouped/);
    const doc = JSON.parse(captured('sinfo-json'));
    delete doc.nodes[0].name;
    const r = sinfoJsonParser.parse(JSON.stringify(doc), ctx);
    expect(r.problems).toEqual([expect.objectContaining({ text: 'nodes[0]' })]);
    expect(byMeasurement(r.points, 'slurm_nodes')).toHaveLength(3);
  });
});
