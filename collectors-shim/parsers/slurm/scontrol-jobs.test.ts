import { describe, expect, it } from 'vitest';
import { encodePoints } from '../../../functions/_lib/line-protocol.ts';
import { scontrolJobsParser } from './scontrol-jobs.ts';
import { NASTY_NAME, captured, ctx, fixture, truncate } from './test-fixtures.ts';

const parse = (text = captured('scontrol-jobs')) => scontrolJobsParser.parse(text, ctx);

describe('scontrol-jobs parser', () => {
  it('reads every job in slurmctld memory with state and pending reason', () => {
    const r = parse();
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(17);
    const reasons = r.points.filter((p) => p.tags?.state === 'pending').map((p) => p.fields.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['Resources', 'Priority', 'JobHeldUser', 'Dependency', 'BeginTime']),
    );
    const timeout = r.points.find((p) => p.fields.job_id === '1')!;
    expect(timeout.fields).toMatchObject({
      state_detail: 'TIMEOUT',
      reason: 'TimeLimit',
      timelimit_s: { int: 60 },
      user: 'root',
    });
    expect(r.points.find((p) => p.fields.job_id === '16_[1-4%1]')).toBeDefined();
  });

  it('keeps names with spaces, `=`, quotes, backslashes, non-ASCII or a newline whole (scontrol keeps the `"`)', () => {
    const nasty = parse().points.find((p) => p.fields.job_id === '4')!;
    expect(nasty.fields).toMatchObject({ name: NASTY_NAME, user: 'nomaduser', state_detail: 'COMPLETED' });
    expect(encodePoints([nasty]).split('\n')).toHaveLength(1);
    expect(parse().points.find((p) => p.fields.job_id === '7')!.fields.name).toBe('line one\nline two');
  });

  it('reads another cluster (sonar, Slurm 23+)', () => {
    const r = parse(fixture('scontrol-o-show-job.sonar-fox-educloud.txt'));
    expect(r.problems).toEqual([]);
    expect(r.points.map((p) => p.fields.name)).toEqual([
      'chai_ab_ag_champloo',
      'chai_ab_ag_champloo',
      expect.any(String),
    ]);
  });

  it('reports truncated and garbled lines and keeps the complete jobs', () => {
    const r = parse(truncate(captured('scontrol-jobs'), 0.5) + '\nJobId=x garbage\n');
    expect(r.problems.length).toBeGreaterThanOrEqual(1);
    expect(r.problems.at(-1)!.reason).toMatch(/no JobId/);
    expect(r.points.length).toBeGreaterThan(5);
    expect(parse('')).toEqual({ points: [], problems: [] });
  });
});
