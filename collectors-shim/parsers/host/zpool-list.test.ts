import { describe, expect, it } from 'vitest';
import { zpoolListParser } from './zpool-list.ts';
import { ctx, fixture } from './testing.ts';

const FREENAS = 'zpool-list-Hp.telegraf-freenas.txt';

describe('zpool-list parser', () => {
  it('reads four pools with exact bytes, Telegraf names', () => {
    const r = zpoolListParser.parse(fixture(FREENAS), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points.map((p) => [p.measurement, p.tags?.pool, p.tags?.health])).toEqual([
      ['zfs_pool', 'freenas-boot', 'ONLINE'],
      ['zfs_pool', 'red1', 'ONLINE'],
      ['zfs_pool', 'temp1', 'ONLINE'],
      ['zfs_pool', 'temp2', 'ONLINE'],
    ]);
    expect(r.points[1]!.fields).toEqual({
      size: { int: 8933531975680 },
      allocated: { int: 1126164848640 },
      free: { int: 7807367127040 },
      fragmentation: { int: 8 },
      capacity: { int: 12 },
      dedupratio: 1.83,
    });
    // The boot pool has no fragmentation figure ("-"): the field is left out, not written as 0.
    expect(r.points[0]!.fields.fragmentation).toBeUndefined();
  });

  it('reports a garbled row and a truncated row and keeps the others', () => {
    const rows = fixture(FREENAS).split('\n');
    rows[1] = rows[1]!.replace('8933531975680', '8.1T');
    rows[2] = rows[2]!.slice(0, 20);
    const r = zpoolListParser.parse(rows.join('\n'), ctx);
    expect(r.points.map((p) => p.tags?.pool)).toEqual(['freenas-boot', 'temp2']);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, 'a size, percentage or ratio is not a number (was -p given?)'],
      [3, 'expected 8 tab-separated columns, found 3'],
    ]);
  });

  it('reports empty output and other output (zpool status) without throwing', () => {
    expect(zpoolListParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const other = zpoolListParser.parse(fixture('zpool-status.jc-pool1-mirrors.txt'), ctx);
    expect(other.points).toEqual([]);
    expect(other.problems.length).toBeGreaterThan(5);
  });
});
