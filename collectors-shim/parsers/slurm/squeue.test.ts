import { describe, expect, it } from 'vitest';
import { squeueJsonParser } from './squeue-json.ts';
import { squeueParser } from './squeue.ts';
import { byMeasurement, captured, ctx, fixture, intOf, truncate } from './test-fixtures.ts';

const totals = (text: string, p = squeueParser) => byMeasurement(p.parse(text, ctx).points, 'slurm_jobs')[0]?.fields;

describe('squeue parser (text)', () => {
  it('counts the captured queue per partition, state and reason', () => {
    const r = squeueParser.parse(captured('squeue'), ctx);
    expect(r.problems).toEqual([]);
    const q = byMeasurement(r.points, 'slurm_queue');
    const reasons = q.filter((p) => p.tags?.state === 'pending').map((p) => p.tags?.reason);
    expect(reasons.sort()).toEqual(['BeginTime', 'Dependency', 'JobHeldUser', 'Priority', 'Resources']);
    const prio = q.find((p) => p.tags?.reason === 'Priority')!;
    expect(prio.tags).toMatchObject({ partition: 'debug', cluster: 'c1', host: 'head' });
    expect(intOf(prio.fields.jobs)).toBe(2);
    expect(intOf(prio.fields.cpus)).toBe(5);
    expect(prio.fields.wait_max_s).toBeGreaterThan(100);
    const fields = totals(captured('squeue'))!;
    expect([intOf(fields.running), intOf(fields.pending), intOf(fields.total)]).toEqual([3, 6, 9]);
  });

  it('keeps a job whose name holds a newline as one job', () => {
    const users = byMeasurement(squeueParser.parse(captured('squeue'), ctx).points, 'slurm_user_queue');
    const nomad = users.find((p) => p.tags?.user === 'nomaduser')!;
    expect(intOf(nomad.fields.running_jobs)).toBe(2);
  });

  it('agrees with squeue --json of the same moment (which also lists finished jobs)', () => {
    expect(totals(captured('squeue-json'), squeueJsonParser)).toEqual(totals(captured('squeue')));
  });

  it('reports a garbled line with its number and keeps the rest', () => {
    const lines = captured('squeue').split('\n');
    lines.splice(3, 0, '99|debug|PENDING|bob|x|two|1|0|N/A|N/A|1:00|1|None|garbled');
    const r = squeueParser.parse(lines.join('\n'), ctx);
    expect(r.problems).toEqual([expect.objectContaining({ line: 4, reason: expect.stringContaining('bad state') })]);
    expect(intOf(totals(lines.join('\n'))!.total)).toBe(9);
  });

  it('reports truncated output and reads an empty queue as zero jobs', () => {
    const r = squeueParser.parse(truncate(captured('squeue')), ctx);
    expect(r.problems.length).toBe(1);
    expect(r.problems[0]!.reason).toMatch(/columns/);
    const empty = squeueParser.parse('', ctx);
    expect(empty.problems).toEqual([]);
    expect(intOf(byMeasurement(empty.points, 'slurm_jobs')[0]!.fields.total)).toBe(0);
  });

  it('reports squeue output of another format (scontrol) instead of guessing', () => {
    const r = squeueParser.parse(fixture('scontrol-o-show-job.sonar-fox-educloud.txt'), ctx);
    expect(r.points).toEqual([]);
    expect(r.problems.length).toBe(3);
  });
});
