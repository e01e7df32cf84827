import { describe, expect, it } from 'vitest';
import { encodePoints } from '../../functions/_lib/line-protocol.ts';
import { findJobDirs, jobCgroupCollector } from './host-job-cgroup.ts';
import { fixtureDir, realContext } from './host-testing.ts';

describe('job_cgroup collector', () => {
  it('finds a v1 job in the memory hierarchy and reads it with its cpuacct and blkio folders', async () => {
    const r = await jobCgroupCollector({ root: fixtureDir('cgroup1-job_42'), version: 'auto', maxDepth: 5 }).collect(
      realContext(),
    );
    expect(r.error).toBeUndefined();
    expect(r.points).toHaveLength(1);
    expect(r.points[0]!.fields).toMatchObject({
      job_id: { int: 42 },
      oom_kills: { int: 1 },
      io_write_bytes: { int: 8388608 },
      cpu_usage_seconds: 0.57591166,
    });
    expect(r.points[0]!.tags).toEqual({ host: 'h1', cluster: 'c1', cgroup: 'v1', slot: '0' });
  });

  it('finds a v2 job under system.slice/slurmstepd.scope', async () => {
    const root = fixtureDir('cgroup2-job_4');
    expect(await findJobDirs(root, 5)).toEqual([`${root}/system.slice/slurmstepd.scope/job_4`]);
    const r = await jobCgroupCollector({ root, version: 'auto', maxDepth: 5 }).collect(realContext());
    expect(r.points[0]!.fields).toMatchObject({ job_id: { int: 4 }, memory_peak: { int: 7229440 } });
    expect(r.points[0]!.tags?.cgroup).toBe('v2');
  });

  it('never writes the job id as a tag, and keeps two jobs apart at one timestamp', async () => {
    // Every fixture folder scanned as v2: job_4 plus job_42's three v1 folders, each read alone. Four points, one
    // timestamp, four distinct series.
    const r = await jobCgroupCollector({ root: fixtureDir('.'), version: '2', maxDepth: 6 }).collect(realContext());
    const lines = encodePoints(r.points).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => !/,job_id=|,job=/.test(l.split(' ')[0] ?? ''))).toBe(true);
    expect(new Set(lines.map((l) => l.split(' ')[0])).size).toBe(4);
  });

  it('reads the real cgroup tree of this machine without failing, and a missing root is an error', async () => {
    const r = await jobCgroupCollector({ root: '/sys/fs/cgroup', version: 'auto', maxDepth: 5 }).collect(realContext());
    expect(r.error).toBeUndefined(); // SLURM jobs may or may not be running here: any count is right
    for (const p of r.points) expect(p.fields.job_id).toBeDefined();
    const missing = await jobCgroupCollector({ root: '/nonexistent', version: 'auto', maxDepth: 5 }).collect(
      realContext(),
    );
    expect(missing.error).toContain('does not exist');
  });
});
