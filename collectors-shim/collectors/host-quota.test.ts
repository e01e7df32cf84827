import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath } from './host-util.ts';
import { quotaCollector } from './host-quota.ts';
import { realContext } from './host-testing.ts';

// The kernel has no quota support, but quota-tools read quota files themselves when quotas are off: a small ext4
// image, loop-mounted with usrquota, gives the collector a real repquota to run. Needs root, mkfs.ext4 and quota.
const canRun = process.getuid?.() === 0 && onPath('mkfs.ext4') && onPath('repquota') && onPath('quotacheck');
const dir = mkdtempSync(join(tmpdir(), 'nomad-quota-'));
const mnt = join(dir, 'mnt');
let mounted = false;

beforeAll(() => {
  // scripts/setup.sh --test installs quota-tools; the suite runs as root. Missing either is a failure, not a skip.
  if (!canRun)
    throw new Error('the quota test needs root, mkfs.ext4, repquota and quotacheck (bash scripts/setup.sh --test)');
  const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'ignore' });
  sh('truncate', ['-s', '32M', join(dir, 'img')]);
  sh('mkfs.ext4', ['-q', join(dir, 'img')]);
  mkdirSync(mnt);
  sh('mount', ['-o', 'loop,usrquota,grpquota', join(dir, 'img'), mnt]);
  mounted = true;
  writeFileSync(join(mnt, 'f'), Buffer.alloc(3 * 1024 * 1024));
  chownSync(join(mnt, 'f'), 65534, 65534);
  sh('sync', []);
  sh('quotacheck', ['-cugm', mnt]);
  sh('setquota', ['-u', 'nobody', '2048', '4096', '10', '20', mnt]);
}, 60_000);

afterAll(() => {
  if (mounted) execFileSync('umount', [mnt]);
  rmSync(dir, { recursive: true, force: true });
});

describe('quota collector', () => {
  it('runs the real repquota and reports a user over the soft limit', async () => {
    const r = await quotaCollector({ command: 'repquota', args: ['-ugvp', mnt] }).collect(realContext());
    expect(r.error).toBeUndefined();
    expect(r.problems).toEqual([]);
    const nobody = r.points.find((p) => p.tags?.type === 'user' && p.tags.name === 'nobody')!;
    expect(nobody.tags).toMatchObject({ host: 'h1', device: expect.stringMatching(/^\/dev\/loop\d+$/) });
    expect(nobody.fields).toMatchObject({
      space_used: { int: 3 * 1024 * 1024 },
      space_soft: { int: 2048 * 1024 },
      space_over_soft: true,
      files_hard: { int: 20 },
    });
    expect(r.points.some((p) => p.tags?.type === 'group' && p.tags.name === 'nogroup')).toBe(true);
  });

  it('degrades to an error when repquota is missing or fails with no output', async () => {
    const missing = await quotaCollector({ command: 'nomad-no-such-repquota', args: [] }).collect(realContext());
    expect(missing.error).toContain('ENOENT');
    const failed = await quotaCollector({ command: 'repquota', args: ['-u', '/nonexistent'] }).collect(realContext());
    expect(failed.points).toEqual([]);
    expect(failed.error).toMatch(/repquota exited 2: .*Cannot stat\(\) given mountpoint \/nonexistent/s);
  });
});
