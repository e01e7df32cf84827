import { describe, expect, it } from 'vitest';
import { sdiagJsonParser } from './sdiag-json.ts';
import { sdiagParser } from './sdiag.ts';
import { captured, ctx, fixture, intOf, truncate } from './test-fixtures.ts';

describe('sdiag parser (text)', () => {
  it('reads the captured 22.05 statistics with the JSON field names', () => {
    const r = sdiagParser.parse(captured('sdiag'), ctx);
    expect(r.problems).toEqual([]);
    const f = r.points[0]!.fields;
    expect(r.points[0]!.measurement).toBe('slurm_diag');
    expect(
      [f.server_thread_count, f.jobs_submitted, f.jobs_started, f.schedule_cycle_max, f.bf_cycle_counter].map(intOf),
    ).toEqual([3, 20, 10, 7772, 3]);
    expect(intOf(f.rpc_count_total)).toBeGreaterThan(500);
    // Every name it writes is one sdiag --json (24.05) writes too.
    const json = Object.keys(
      sdiagJsonParser.parse(fixture('sdiag-json.rivosinc-slurm-24.05.5.json'), ctx).points[0]!.fields,
    );
    expect(Object.keys(f).filter((k) => !json.includes(k))).toEqual([]);
  });

  it('reports garbled lines, keeps the rest; truncated output keeps what came before', () => {
    const lines = captured('sdiag').split('\n');
    lines.splice(6, 0, '%%%% garbled');
    const r = sdiagParser.parse(lines.join('\n'), ctx);
    expect(r.problems).toEqual([expect.objectContaining({ line: 7, text: '%%%% garbled' })]);
    expect(intOf(r.points[0]!.fields.jobs_submitted)).toBe(20);
    const t = sdiagParser.parse(truncate(captured('sdiag'), 0.15), ctx);
    expect(intOf(t.points[0]!.fields.server_thread_count)).toBe(3);
    expect(sdiagParser.parse('', ctx)).toEqual({ points: [], problems: [] });
    expect(sdiagParser.parse('sdiag: error: Unable to contact slurm controller', ctx).points).toEqual([]);
  });
});
