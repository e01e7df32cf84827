import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Exec } from '../exec.ts';
import { nfsCollector } from './host-nfs.ts';
import { realContext } from './host-testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'nomad-nfs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nfs collector (this kernel has no NFS)', () => {
  it('reports a path that is not a mount point as not mounted', async () => {
    const r = await nfsCollector({ mounts: [dir], probeTimeoutMs: 2000 }).collect(realContext());
    expect(r.error).toBeUndefined();
    expect(r.points).toEqual([
      expect.objectContaining({
        measurement: 'nomad_nfs_mount',
        tags: expect.objectContaining({ path: dir }),
        fields: { mounted: false, responsive: false, error: 'not mounted' },
      }),
    ]);
    expect(r.problems).toEqual([{ line: 0, text: dir, reason: 'not mounted' }]);
  });

  it('probes a real mount point with stat -f in a child process and times the answer', async () => {
    const r = await nfsCollector({ mounts: ['/proc'], probeTimeoutMs: 2000 }).collect(realContext());
    expect(r.points[0]?.tags).toMatchObject({ path: '/proc', fstype: 'proc' });
    expect(r.points[0]?.fields).toMatchObject({ mounted: true, responsive: true });
    expect(r.problems).toEqual([]);
  });

  it('gives up on a probe that never returns (a hung mount) at the deadline', async () => {
    // A process in uninterruptible sleep ignores SIGKILL and never closes: stand it in with an exec that never settles.
    const hung: Exec = () => new Promise(() => undefined);
    const started = Date.now();
    const r = await nfsCollector({ mounts: ['/proc'], probeTimeoutMs: 200 }).collect(realContext({ exec: hung }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.points[0]?.fields).toMatchObject({ mounted: true, responsive: false });
    expect(String(r.points[0]?.fields.error)).toContain('probe abandoned');
  });

  it('does not stack a second probe on a mount whose last probe is still stuck', async () => {
    // A real process with exactly the probe's command line stands in for a stat stuck in the kernel.
    const probe = ['/usr/bin/perl', '-e', 'sleep 30', '--'];
    const stuck = spawn(probe[0]!, [...probe.slice(1), '/proc'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 300));
    const calls: string[] = [];
    const exec: Exec = async (cmd, args) => (
      calls.push([cmd, ...args].join(' ')),
      { ok: true, stdout: 'proc', stderr: '', code: 0 }
    );
    try {
      const r = await nfsCollector({ mounts: ['/proc', '/'], probeTimeoutMs: 200, probe }).collect(
        realContext({ exec }),
      );
      expect(calls).toEqual([`${probe.join(' ')} /`]); // only the healthy mount was probed
      expect(r.points[0]?.fields).toMatchObject({ mounted: true, responsive: false });
      expect(String(r.points[0]?.fields.error)).toContain('still stuck');
      expect(r.points[1]?.fields).toMatchObject({ mounted: true, responsive: true });
    } finally {
      stuck.kill('SIGKILL');
    }
  });

  it('degrades to an error when the mount table cannot be read', async () => {
    const r = await nfsCollector({ mounts: ['/'], probeTimeoutMs: 200, mountsFile: '/nonexistent/mounts' }).collect(
      realContext(),
    );
    expect(r.error).toContain('cannot read the mount table');
  });
});
