import { describe, expect, it } from 'vitest';
import { cgroupParser } from './cgroup.ts';
import { ctx, fixturePath } from './testing.ts';

// cgroup v2: SLURM job 4 (cgroup_exporter's capture); v1: job_42 made on this machine's real v1 hierarchy.
const V2 = fixturePath('cgroup2-job_4/system.slice/slurmstepd.scope/job_4');
const V1 = ['memory', 'cpuacct', 'blkio'].map((c) =>
  fixturePath(`cgroup1-job_42/${c}/nomad-host-capture/uid_0/job_42`),
);

describe('cgroup parser (a directory)', () => {
  it('reads a cgroup v2 job: CPU seconds, memory current/peak/max, OOM events, CPUs', () => {
    const r = cgroupParser.parse(V2, ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(1);
    const p = r.points[0]!;
    expect(p.measurement).toBe('nomad_job_cgroup');
    expect(p.tags).toEqual({ host: 'h1', cgroup: 'v2', slot: '0' });
    expect(p.fields).toMatchObject({
      job_id: { int: 4 },
      cpu_usage_seconds: 0.126686,
      cpu_user_seconds: 0.049043,
      cpu_system_seconds: 0.077642,
      memory_current: { int: 5660672 },
      memory_peak: { int: 7229440 },
      memory_max: { int: 1835008000 },
      memory_anon: { int: 2260992 },
      memory_file: { int: 516096 },
      swap_current: { int: 0 },
      oom_events: { int: 0 },
      oom_kills: { int: 0 },
      cpus: { int: 1 },
    });
    expect(p.fields).not.toHaveProperty('io_read_bytes'); // this job folder has no io.stat
  });

  it("sums a v2 scope's io.stat over its devices", () => {
    const r = cgroupParser.parse(fixturePath('cgroup2-job_4/system.slice/slurmstepd.scope'), ctx);
    expect(r.points[0]!.fields).toMatchObject({
      io_read_bytes: { int: 90112 },
      io_write_bytes: { int: 36864 },
      io_read_ops: { int: 4 },
      io_write_ops: { int: 6 },
    });
  });

  it('reads a cgroup v1 job across its memory, cpuacct and blkio folders, OOM kills of its steps included', () => {
    const r = cgroupParser.parse(V1.join('\n'), ctx);
    expect(r.problems).toEqual([]);
    const p = r.points[0]!;
    expect(p.tags?.cgroup).toBe('v1');
    expect(p.fields).toMatchObject({
      job_id: { int: 42 },
      uid: { int: 0 },
      cpu_usage_seconds: 0.57591166,
      cpu_user_seconds: 0.2,
      cpu_system_seconds: 0.36,
      memory_current: { int: 3321856 },
      memory_peak: { int: 36761600 },
      memory_max: { int: 268435456 },
      memory_file: { int: 2711552 },
      oom_kills: { int: 1 }, // step_0 was OOM-killed; the job folder itself says 0
      io_read_bytes: { int: 8388608 },
      io_write_bytes: { int: 8388608 },
    });
  });

  it('reports a missing directory (job ended) and an empty one, and keeps what it can read', () => {
    const r = cgroupParser.parse([V1[0], '/nonexistent/job_7', fixturePath('captured-host')].join('\n'), ctx);
    expect(r.points).toHaveLength(1);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, 'not a directory (the job may have ended)'],
      [3, 'no cgroup statistics in this directory'],
    ]);
    expect(cgroupParser.parse('', ctx).problems[0]?.reason).toContain('empty input');
    expect(cgroupParser.parse('/nonexistent', ctx).points).toEqual([]);
  });
});
