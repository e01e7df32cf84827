import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('reads a job cgroup made by a real slurmd (Slurm 22.05, task/cgroup, v1: memory and cpuacct)', async () => {
    const root = fixtureDir('cgroup1-slurm-22.05-job_8');
    const r = await jobCgroupCollector({ root, version: 'auto', maxDepth: 5 }).collect(realContext());
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(1);
    expect(r.points[0]!.fields).toMatchObject({
      job_id: { int: 8 },
      uid: { int: 1001 },
      path: `${root}/memory/slurm_node1/uid_1001/job_8`,
      cpu_usage_seconds: 0.013275324,
      memory_peak: { int: 1572864 },
      memory_max: { int: 104857600 },
      oom_kills: { int: 0 },
    });
    expect(r.points[0]!.fields).not.toHaveProperty('io_read_bytes'); // SLURM made no blkio cgroup here
  });

  it('finds a v2 job under system.slice/slurmstepd.scope', async () => {
    const root = fixtureDir('cgroup2-job_4');
    expect(await findJobDirs(root, 5)).toEqual([`${root}/system.slice/slurmstepd.scope/job_4`]);
    const r = await jobCgroupCollector({ root, version: 'auto', maxDepth: 5 }).collect(realContext());
    expect(r.points[0]!.fields).toMatchObject({ job_id: { int: 4 }, memory_peak: { int: 7229440 } });
    expect(r.points[0]!.tags?.cgroup).toBe('v2');
  });

  it('never writes the job id as a tag, and keeps two jobs apart at one timestamp', async () => {
    // Two v2 jobs: the real job_4 folder, copied again as job_5.
    const root = mkdtempSync(join(tmpdir(), 'nomad-cg-'));
    const scope = join(root, 'system.slice/slurmstepd.scope');
    const job4 = fixtureDir('cgroup2-job_4/system.slice/slurmstepd.scope/job_4');
    for (const id of [4, 5]) cpSync(job4, join(scope, `job_${id}`), { recursive: true });
    try {
      const r = await jobCgroupCollector({ root, version: 'auto', maxDepth: 5 }).collect(realContext());
      const lines = encodePoints(r.points).split('\n');
      expect(lines).toHaveLength(2);
      expect(lines.every((l) => !/,\w*job\w*=/.test(l.split(' ')[0] ?? ''))).toBe(true); // no tag key names a job
      expect(new Set(lines.map((l) => l.split(' ')[0])).size).toBe(2);
      expect(r.points.map((p) => p.fields.job_id)).toEqual([{ int: 4 }, { int: 5 }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
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
