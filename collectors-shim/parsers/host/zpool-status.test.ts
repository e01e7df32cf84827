import { describe, expect, it } from 'vitest';
import { zpoolStatusParser } from './zpool-status.ts';
import { ctx, fixture } from './testing.ts';

const MIRRORS = 'zpool-status.jc-pool1-mirrors.txt';
const DEGRADED = 'zpool-status.zpool-status-exporter-degraded-unavail-cksum.txt';
const SCRUB = 'zpool-status.zpool-status-exporter-scrub-in-progress.txt';
const parse = (name: string) => zpoolStatusParser.parse(fixture(name), ctx);
const pools = (r: ReturnType<typeof parse>) => r.points.filter((p) => p.measurement === 'zfs_pool_status');
const vdevs = (r: ReturnType<typeof parse>) => r.points.filter((p) => p.measurement === 'zfs_vdev');

describe('zpool-status parser', () => {
  it('reads two mirrors: the pool, both mirrors and four disks, and the last scrub', () => {
    const r = parse(MIRRORS);
    expect(r.problems).toEqual([]);
    expect(pools(r)).toHaveLength(1);
    expect(vdevs(r).map((v) => [v.tags?.vdev, v.tags?.vdev_type, v.tags?.parent])).toEqual([
      ['mirror-0', 'mirror', 'pool1'],
      ['wwn-0x5000c500c65ac66f', 'disk', 'mirror-0'],
      ['wwn-0x5000c500c5eee542', 'disk', 'mirror-0'],
      ['mirror-1', 'mirror', 'pool1'],
      ['wwn-0x5000c500e39e8af6', 'disk', 'mirror-1'],
      ['wwn-0x5000c500e3b3a41e', 'disk', 'mirror-1'],
    ]);
    expect(pools(r)[0]!.fields).toMatchObject({
      state: 'ONLINE',
      state_code: { int: 0 },
      data_errors: { int: 0 },
      scan_function: 'scrub',
      scan_in_progress: false,
      scan_repaired: { int: 0 },
      scan_duration: { int: 11 * 3600 + 16 * 60 + 3 },
      scan_errors: { int: 0 },
    });
  });

  it('reads a DEGRADED mirror with an UNAVAIL device and its 100980 checksum errors', () => {
    const r = parse(DEGRADED);
    expect(r.problems).toEqual([]);
    expect(pools(r)[0]!.fields).toMatchObject({ state: 'DEGRADED', state_code: { int: 1 } });
    const bad = vdevs(r).find((v) => v.fields.state === 'UNAVAIL')!;
    expect(bad.tags).toMatchObject({ pool: 'mypool', vdev: '12345678901234567890', parent: 'mirror-0' });
    expect(bad.fields).toMatchObject({
      state_code: { int: 4 },
      checksum_errors: { int: 100980 },
      read_errors: { int: 0 },
      note: 'was /dev/disk/by-id/ata-ST8000DM004-xxxxxx_redacted-part1',
    });
  });

  it('reads the progress of a running scrub', () => {
    const r = parse(SCRUB);
    expect(r.problems).toEqual([]);
    expect(pools(r)[0]!.fields).toMatchObject({
      scan_function: 'scrub',
      scan_in_progress: true,
      scan_scanned: { int: 704 * 1024 ** 3 },
      scan_total: { int: Math.round(1.66 * 1024 ** 4) },
      scan_issued: { int: 0 },
      scan_percent: 0,
    });
  });

  it('reads several pools in one output, each with its own vdevs', () => {
    const r = zpoolStatusParser.parse([MIRRORS, DEGRADED, SCRUB].map(fixture).join('\n'), ctx);
    expect(r.problems).toEqual([]);
    expect(pools(r).map((p) => p.tags?.pool)).toEqual(['pool1', 'mypool', 'neptune']);
    expect(vdevs(r)).toHaveLength(6 + 4 + 3);
  });

  it('reports truncated and garbled output and keeps what it read', () => {
    const text = fixture(DEGRADED);
    const cut = zpoolStatusParser.parse(text.slice(0, text.indexOf('ata-ST8000VN004')), ctx);
    expect(vdevs(cut)).toHaveLength(2);
    expect(cut.problems).toEqual([
      expect.objectContaining({ line: 1, reason: 'truncated: no "errors:" line for this pool' }),
    ]);
    const garbled = zpoolStatusParser.parse(
      text.replace('UNAVAIL      0     0 100980', 'UNAVAIL      0     x 100980'),
      ctx,
    );
    expect(garbled.problems).toEqual([expect.objectContaining({ line: 14, reason: 'error counts are not numbers' })]);
    expect(vdevs(garbled)).toHaveLength(3);
  });

  it('reports empty output and other output (zpool list) without throwing', () => {
    expect(zpoolStatusParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const other = zpoolStatusParser.parse(fixture('zpool-list-Hp.telegraf-freenas.txt'), ctx);
    expect(other.points).toEqual([]);
    expect(other.problems.length).toBeGreaterThan(0);
  });
});
