// Importers on real trace excerpts (test/fixtures/ORIGINS-jobs.md); bad lines are made from real lines by the test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSacct } from '../../functions/_lib/jobs/import-sacct.ts';
import { importSwf } from '../../functions/_lib/jobs/import-swf.ts';
import { importTorque } from '../../functions/_lib/jobs/import-torque.ts';
import { JobRecordSchema } from '../../functions/_lib/jobs/record.ts';

const fixture = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');
const SWF = fixture('jobs/swf.lanl-cm5-1994-4.1-cln-head.swf');
const TORQUE = fixture('jobs/torque-acct.iu-mason-2017q4-excerpt.log');
const SACCT = fixture('captured/slurm/sacct.slurm-22.05.8.txt');

describe('importSwf', () => {
  it('reads every job of the LANL head, with the header start time and per-processor memory made total', () => {
    const { jobs, problems } = importSwf(SWF);
    expect(problems).toEqual([]);
    expect(jobs).toHaveLength(60);
    for (const j of jobs) JobRecordSchema.parse(j);
    // Job 2: submit 465 after UnixStartTime 781275672, wait 5, run 3362, 32 procs, 1024 KB/proc requested.
    const j2 = jobs[1]!;
    expect(j2).toMatchObject({ id: '2', user: 'u3', group: 'g3', app: 'x3', queue: 'q1', state: 'COMPLETED' });
    expect(j2.submit).toBe(781275672 + 465);
    expect(j2.end! - j2.start!).toBe(3362);
    expect(j2.req_mem_mb).toBe(32);
    expect(j2.used_cpu_s).toBe(489 * 32);
    expect(jobs.filter((j) => j.state === 'FAILED')).toHaveLength(6);
    // Job 1 has no requested processors (-1).
    expect(jobs[0]!.req_cpus).toBeNull();
  });

  it('reports a short line and a non-numeric field by line number and keeps going', () => {
    const ls = SWF.split('\n');
    const first = ls.findIndex((l) => !l.startsWith(';'));
    ls[first] = ls[first]!.trim().split(/\s+/).slice(0, 10).join(' ');
    ls[first + 1] = ls[first + 1]!.replace(/\b3362\b/, 'x');
    const { jobs, problems } = importSwf(ls.join('\n'));
    expect(jobs).toHaveLength(58);
    expect(problems).toEqual([
      { line: first + 1, reason: 'expected 18 fields, found 10' },
      { line: first + 2, reason: 'a field is not a number' },
    ]);
  });
});

describe('importTorque', () => {
  const { jobs, problems } = importTorque(TORQUE);
  const byId = new Map(jobs.map((j) => [j.id.split('.')[0], j]));

  it('maps Exit_status to states as the README label table does', () => {
    expect(problems).toEqual([]);
    for (const j of jobs) JobRecordSchema.parse(j);
    expect(byId.get('520891')).toMatchObject({ state: 'COMPLETED', exit_code: 0, req_cpus: 1, queue: 'batch' });
    expect(byId.get('520163')?.state).toBe('TIMEOUT');
    expect(byId.get('520991')?.state).toBe('OUT_OF_MEMORY');
    expect(byId.get('519569')?.state).toBe('CANCELLED'); // 271 = SIGTERM after a qdel
    expect(byId.get('520754')?.state).toBe('FAILED');
    expect(byId.get('522114')).toMatchObject({ state: 'FAILED', exit_code: 255, queue: 'shared' });
    expect(byId.get('521892')).toMatchObject({ state: 'NODE_FAIL', exit_code: -1 });
  });

  it('reads requests and use: vmem as requested memory, walltime, cput and mem', () => {
    const j = byId.get('520891')!;
    expect(j.req_mem_mb).toBe(8 * 1024);
    expect(j.req_time_s).toBe(8 * 3600);
    expect(j.submit).toBe(1506830419);
    expect(j.end).toBe(1506830498);
    expect(j.app).toBe('gp-job-52333-broadtest');
  });

  it('turns a deletion before start into a cancelled job submitted at its Q time (UTC, from the local stamp)', () => {
    const d = byId.get('520996')!;
    expect(d).toMatchObject({ state: 'CANCELLED', user: 'Na.aZNgJvAgZE', start: null, end: null });
    // Q at 10/02/2017 13:39:42 local (EDT, UTC-4).
    expect(d.submit).toBe(Date.UTC(2017, 9, 2, 17, 39, 42) / 1000);
    expect(byId.get('521000')?.state).toBe('CANCELLED');
  });

  it('reports a cut line and an E record without Exit_status', () => {
    const ls = TORQUE.split('\n');
    const e = ls.findIndex((l) => l.includes(';E;'));
    ls[e] = ls[e]!.replace(/ Exit_status=\S+/, '');
    ls[0] = ls[0]!.slice(0, 12);
    const r = importTorque(ls.join('\n'));
    expect(r.problems).toEqual([
      { line: 1, reason: 'not DATE;TYPE;JOBID;ATTRIBUTES' },
      { line: e + 1, reason: 'E record without Exit_status' },
    ]);
    expect(r.jobs.length).toBe(jobs.length - 1);
  });
});

describe('importSacct', () => {
  it('reads a --parsable2 capture from a real Slurm: final states only, steps give the memory peak', () => {
    const { jobs, problems } = importSacct(SACCT);
    for (const j of jobs) JobRecordSchema.parse(j);
    const states = jobs.map((j) => j.state).sort();
    expect(states).toContain('TIMEOUT');
    expect(states).toContain('NODE_FAIL');
    expect(states).toContain('OUT_OF_MEMORY');
    expect(states.every((s) => s !== ('RUNNING' as string))).toBe(true);
    const one = jobs.find((j) => j.id === '1')!;
    expect(one).toMatchObject({ user: 'root', queue: 'batch', req_cpus: 1, req_mem_mb: 100, req_time_s: 60 });
    expect(one.submit).toBe(Date.parse('2026-11-25T01:17:03Z') / 1000);
    expect(one.used_mem_mb).toBeCloseTo(216 / 1024);
    expect(jobs.find((j) => j.id === '5')).toMatchObject({ state: 'FAILED', exit_code: 3 });
    // A job name with a newline in it splits its row in two: the second half is reported.
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.reason).toMatch(/^expected 23 fields/);
  });

  it('reads the same rows as CSV, with fewer columns in another order and epoch-second times', () => {
    const rows = SACCT.split('\n')
      .filter((l) => l.split('|').length === 23)
      .map((l) => l.split('|'));
    const head = rows[0]!;
    const pick = ['State', 'Submit', 'User', 'JobID', 'NCPUS', 'End'].map((n) => head.indexOf(n));
    const csv = rows
      .map((r, i) =>
        pick
          .map((c) => {
            const v = r[c] ?? '';
            if (i > 0 && /^\d{4}-\d\d-\d\dT/.test(v)) return String(Date.parse(`${v}Z`) / 1000);
            return /[,"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
          })
          .join(','),
      )
      .join('\n');
    const a = importSacct(SACCT).jobs;
    const b = importSacct(csv);
    expect(b.problems).toEqual([]);
    expect(b.jobs.map((j) => [j.id, j.state, j.submit, j.end, j.req_cpus])).toEqual(
      a.map((j) => [j.id, j.state, j.submit, j.end, j.req_cpus]),
    );
  });

  it('reports rows before a header', () => {
    const r = importSacct(SACCT.split('\n').slice(1).join('\n'));
    expect(r.problems[0]).toEqual({ line: 1, reason: 'no header with JobID or JobIDRaw before the first row' });
  });
});
