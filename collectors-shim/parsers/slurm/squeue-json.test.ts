import { describe, expect, it } from 'vitest';
import { squeueJsonParser } from './squeue-json.ts';
import { byMeasurement, captured, ctx, fixture, intOf, truncate } from './test-fixtures.ts';

const v2108 = () => fixture('squeue-json.rivosinc-slurm-21.08.5.json');

describe('squeue-json parser', () => {
  it('reads Slurm 22.05 captured output, leaving out finished jobs', () => {
    const r = squeueJsonParser.parse(captured('squeue-json'), ctx);
    expect(r.problems).toEqual([]);
    const jobs = JSON.parse(captured('squeue-json')).jobs as unknown[];
    expect(jobs.length).toBe(17); // includes COMPLETED, FAILED, TIMEOUT, … still in slurmctld's memory
    const t = byMeasurement(r.points, 'slurm_jobs')[0]!.fields;
    expect(intOf(t.total)).toBe(9);
  });

  it('reads 21.08 output where numbers are plain in one job and {set, infinite, number} in another', () => {
    const r = squeueJsonParser.parse(v2108(), ctx);
    expect(r.problems).toEqual([]);
    const pending = byMeasurement(r.points, 'slurm_queue').find((p) => p.tags?.state === 'pending')!;
    expect(pending.tags).toMatchObject({ partition: 'hw-m', reason: 'Dependency' });
    expect(intOf(pending.fields.cpus)).toBe(1);
    expect(pending.fields.wait_max_s).toBe((ctx.now - 1729715848000) / 1000);
  });

  it('reads job_state as a list (23.02+ shape)', () => {
    const doc = JSON.parse(v2108());
    for (const j of doc.jobs) j.job_state = [j.job_state];
    const r = squeueJsonParser.parse(JSON.stringify(doc), ctx);
    expect(r.problems).toEqual([]);
    expect(
      byMeasurement(r.points, 'slurm_queue')
        .map((p) => p.tags?.state)
        .sort(),
    ).toEqual(['pending', 'running']);
  });

  it('reports truncated, empty and non-squeue JSON with a line, and a broken job without losing the others', () => {
    const t = squeueJsonParser.parse(truncate(captured('squeue-json')), ctx);
    expect(t.points).toEqual([]);
    expect(t.problems[0]!.line).toBeGreaterThan(1);
    expect(t.problems[0]!.reason).toMatch(/truncated or garbled JSON/);
    expect(squeueJsonParser.parse('', ctx).problems[0]!.reason).toBe('empty output');
    expect(squeueJsonParser.parse(fixture('sdiag-json.rivosinc-slurm-24.05.5.json'), ctx).problems[0]!.reason).toMatch(
      /no "jobs"/,
    );
    const doc = JSON.parse(v2108());
    delete doc.jobs[0].job_state;
    const r = squeueJsonParser.parse(JSON.stringify(doc), ctx);
    expect(r.problems).toEqual([expect.objectContaining({ text: 'jobs[0]' })]);
    expect(intOf(byMeasurement(r.points, 'slurm_jobs')[0]!.fields.pending)).toBe(1);
  });
});
