import { describe, expect, it } from 'vitest';
import { zpoolIostatParser } from './zpool-iostat.ts';
import { ctx, fixture } from './testing.ts';

const JC = 'zpool-iostat-v.jc.txt';

describe('zpool-iostat parser', () => {
  it('reads three pools and their devices, sizes in bytes', () => {
    const r = zpoolIostatParser.parse(fixture(JC), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(6);
    expect(r.points.map((p) => [p.tags?.pool, p.tags?.level])).toEqual([
      ['zhgstera6', 'pool'],
      ['zhgstera6', 'vdev'],
      ['zint500', 'pool'],
      ['zint500', 'vdev'],
      ['zsam53', 'pool'],
      ['zsam53', 'vdev'],
    ]);
    expect(r.points[3]).toMatchObject({
      measurement: 'zfs_vdev_iostat',
      tags: { vdev: 'ST3500418AS-5VMSTSSX:5' },
      fields: {
        alloc: { int: 230 * 1024 ** 3 },
        free: { int: 24 * 1024 ** 3 },
        read_ops: 0,
        write_ops: 9,
        read_bytes: 112 * 1024,
        write_bytes: 318 * 1024,
      },
    });
    expect(r.points[4]!.fields.read_bytes).toBe(Math.round(14.7 * 1024));
  });

  it('reports garbled and truncated output and keeps the rest', () => {
    const text = fixture(JC).replace('230G  24.0G      0      9', '230G  24.0G      0      nine');
    const r = zpoolIostatParser.parse(text, ctx);
    expect(r.problems).toEqual([expect.objectContaining({ line: 7, reason: 'a value is not a number' })]);
    expect(r.points).toHaveLength(5);
    const lines = fixture(JC).split('\n');
    const cut = zpoolIostatParser.parse(lines.slice(0, 7).join('\n') + '\n' + (lines[7] ?? '').slice(0, 30), ctx);
    expect(cut.points).toHaveLength(3);
    expect(cut.problems).toHaveLength(1);
  });

  it('reports empty output, a missing header and other output without throwing', () => {
    expect(zpoolIostatParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const noHeader = zpoolIostatParser.parse(fixture(JC).split('\n').slice(3).join('\n'), ctx);
    expect(noHeader.points).toEqual([]);
    expect(noHeader.problems[0]?.reason).toBe('no zpool iostat header before this line');
    expect(zpoolIostatParser.parse(fixture('zpool-list-Hp.telegraf-freenas.txt'), ctx).points).toEqual([]);
  });
});
