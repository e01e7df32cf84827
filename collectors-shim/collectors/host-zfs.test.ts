import { describe, expect, it } from 'vitest';
import { zfsCollector, zfsPresent } from './host-zfs.ts';
import { fakeExec, fixtureDir, fixtureText, realContext } from './host-testing.ts';

const base = { zpool: 'zpool', arcstatsPath: '/proc/spl/kstat/zfs/arcstats' };

describe('zfs collector', () => {
  it('auto-detects no ZFS on this machine and collects nothing, without an error', async () => {
    expect(zfsPresent({ ...base, storageBackend: 'auto' })).toBe(false);
    const exec = fakeExec({});
    const r = await zfsCollector({ ...base, storageBackend: 'auto' }).collect(realContext({ exec }));
    expect(r).toEqual({ points: [], problems: [] });
    expect(exec.calls).toEqual([]);
  });

  it('"traditional" never looks for ZFS; "zfs" insists and reports the missing zpool', async () => {
    expect(await zfsCollector({ ...base, storageBackend: 'traditional' }).collect(realContext())).toEqual({
      points: [],
      problems: [],
    });
    const r = await zfsCollector({ ...base, storageBackend: 'zfs' }).collect(realContext());
    expect(r.points).toEqual([]);
    expect(r.error).toContain('ENOENT');
  });

  it('merges zpool status, list, iostat and arcstats into one result', async () => {
    const exec = fakeExec({
      'zpool status': { stdout: fixtureText('zpool-status.zpool-status-exporter-degraded-unavail-cksum.txt') },
      'zpool list -Hp -o name,health,size,alloc,free,fragmentation,capacity,dedupratio': {
        stdout: fixtureText('zpool-list-Hp.telegraf-freenas.txt'),
      },
      'zpool iostat -v': { stdout: fixtureText('zpool-iostat-v.jc.txt') },
    });
    const arcstatsPath = fixtureDir('arcstats.telegraf-linux-openzfs.txt');
    const r = await zfsCollector({ ...base, arcstatsPath, storageBackend: 'zfs' }).collect(realContext({ exec }));
    expect(r.error).toBeUndefined();
    const count = (m: string) => r.points.filter((p) => p.measurement === m).length;
    expect([
      count('zfs_pool_status'),
      count('zfs_vdev'),
      count('zfs_pool'),
      count('zfs_vdev_iostat'),
      count('zfs'),
    ]).toEqual([1, 4, 4, 6, 1]);
  });
});
