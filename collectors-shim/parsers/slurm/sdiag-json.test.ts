import { describe, expect, it } from 'vitest';
import { sdiagJsonParser } from './sdiag-json.ts';
import { captured, ctx, fixture, intOf, truncate } from './test-fixtures.ts';

const v2405 = () => fixture('sdiag-json.rivosinc-slurm-24.05.5.json');

describe('sdiag-json parser', () => {
  it('reads 24.05 statistics, exit counters and RPC totals, but not the request timestamps', () => {
    const r = sdiagJsonParser.parse(v2405(), ctx);
    expect(r.problems).toEqual([]);
    const f = r.points[0]!.fields;
    expect(
      [f.server_thread_count, f.schedule_cycle_max, f.schedule_exit_end_job_queue, f.jobs_submitted].map(intOf),
    ).toEqual([2, 1666, 162, 1]);
    expect(intOf(f.rpc_count_total)).toBeGreaterThan(0);
    expect(f.req_time).toBeUndefined();
  });

  it('reports truncated and empty output, and a 22.05 sdiag that has no --json', () => {
    expect(sdiagJsonParser.parse(truncate(v2405()), ctx).problems[0]!.reason).toMatch(/JSON/);
    expect(sdiagJsonParser.parse('', ctx).points).toEqual([]);
    const text = sdiagJsonParser.parse(captured('sdiag'), ctx);
    expect(text.points).toEqual([]);
    expect(text.problems).toHaveLength(1);
  });
});
