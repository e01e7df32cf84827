import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  truncateSync,
  chownSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeFilesCollector } from './host-large-files.ts';
import { realContext } from './host-testing.ts';

const MiB = 1024 * 1024;
let root: string;
let outside: string;
let mounted = false;

function file(path: string, size: number) {
  writeFileSync(path, '');
  truncateSync(path, size); // sparse: the logical size is what counts
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nomad-large-'));
  outside = mkdtempSync(join(tmpdir(), 'nomad-outside-'));
  mkdirSync(join(root, 'a/b/c'), { recursive: true });
  file(join(root, 'big1'), 50 * MiB);
  file(join(root, 'a/big2'), 30 * MiB);
  file(join(root, 'a/b/c/big3'), 20 * MiB);
  file(join(root, 'a/small'), 1 * MiB);
  chownSync(join(root, 'a/big2'), 65534, 65534);
  const tenDaysAgo = Date.now() / 1000 - 10 * 86400;
  utimesSync(join(root, 'a/b/c/big3'), tenDaysAgo, tenDaysAgo);
  // Symlinks must not be followed: one to a huge file outside, one making a loop.
  file(join(outside, 'huge'), 500 * MiB);
  symlinkSync(join(outside, 'huge'), join(root, 'link-to-huge'));
  symlinkSync(root, join(root, 'a/loop'));
  // Another filesystem mounted inside the root must not be entered.
  mkdirSync(join(root, 'other-fs'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=300m', 'nomad-test', join(root, 'other-fs')], {
      stdio: 'ignore',
    });
    mounted = true;
    file(join(root, 'other-fs/on-tmpfs'), 200 * MiB);
  } catch {
    mounted = false; // not root: the cross-filesystem case below fails and says so (the suite runs as root)
  }
});

afterAll(() => {
  if (mounted) execFileSync('umount', [join(root, 'other-fs')]);
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('large_files collector (a real temporary tree)', () => {
  const opts = () => ({ roots: [root], minSize: 10 * MiB, top: 2, maxEntries: 10_000 });

  it('lists the top N files above the threshold with owner and age, never following symlinks', async () => {
    const r = await largeFilesCollector(opts()).collect(realContext());
    expect(r.error).toBeUndefined();
    const files = r.points.filter((p) => p.measurement === 'nomad_large_file');
    expect(files.map((p) => [p.tags?.rank, p.fields.path, p.fields.size])).toEqual([
      ['1', join(root, 'big1'), { int: 50 * MiB }],
      ['2', join(root, 'a/big2'), { int: 30 * MiB }],
    ]);
    expect(files[1]!.fields).toMatchObject({ uid: { int: 65534 }, owner: 'nobody' });
    expect(files.every((p) => p.tags?.root === root && !('path' in (p.tags ?? {})))).toBe(true);
    const summary = r.points.find((p) => p.measurement === 'nomad_large_files')!;
    expect(summary.fields).toMatchObject({ found: { int: 2 }, truncated: false });
  });

  it('reports the age of old files in days', async () => {
    const r = await largeFilesCollector({ ...opts(), top: 10 }).collect(realContext());
    const big3 = r.points.find((p) => p.fields.path === join(root, 'a/b/c/big3'))!;
    expect(big3.fields.age_days).toBeGreaterThan(9.9);
    expect(big3.fields.age_days).toBeLessThan(10.1);
    expect(r.points.filter((p) => p.measurement === 'nomad_large_file')).toHaveLength(3); // not huge (symlink)
  });

  it('does not cross into another filesystem mounted inside the root', async () => {
    expect(mounted, 'mounting a tmpfs needs root, as the whole suite does').toBe(true);
    const r = await largeFilesCollector({ ...opts(), top: 10 }).collect(realContext());
    expect(r.points.some((p) => String(p.fields.path).includes('other-fs'))).toBe(false);
  });

  it('stops at the entry budget and says the list may be incomplete', async () => {
    const r = await largeFilesCollector({ ...opts(), maxEntries: 3 }).collect(realContext());
    expect(r.points.find((p) => p.measurement === 'nomad_large_files')?.fields).toMatchObject({
      truncated: true,
      scanned: { int: 4 },
    });
    expect(r.problems[0]?.reason).toContain('budget reached');
  });

  it('degrades cleanly on a missing root: a problem, an error when nothing could be scanned, never a throw', async () => {
    const r = await largeFilesCollector({ ...opts(), roots: ['/nonexistent/nomad'] }).collect(realContext());
    expect(r.points).toEqual([]);
    expect(r.error).toBe('no root could be scanned');
    const mixed = await largeFilesCollector({ ...opts(), roots: ['/nonexistent/nomad', root] }).collect(realContext());
    expect(mixed.error).toBeUndefined();
    expect(mixed.problems).toHaveLength(1);
  });
});
