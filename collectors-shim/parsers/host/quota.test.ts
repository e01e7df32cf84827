import { describe, expect, it } from 'vitest';
import { quotaParser } from './quota.ts';
import { repquotaParser } from './repquota.ts';
import { ctx, fixture } from './testing.ts';

// Real quota 4.06 output from quota files on a loop-mounted ext4 (see test/fixtures/ORIGINS-host.md).
const f = (name: string) => fixture(`captured-host/${name}.quota-4.06-loop-ext4.txt`);

describe('quota parser', () => {
  it('reads a user over the space soft limit (-vwp): the same point repquota makes', () => {
    const r = quotaParser.parse(f('quota-vwp-u-nobody'), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(1);
    const rep = repquotaParser
      .parse(f('repquota-augvp'), ctx)
      .points.find((p) => p.tags?.name === 'nobody' && p.tags.type === 'user');
    expect(r.points[0]).toEqual(rep);
  });

  it('finds which limit is exceeded when only one grace column is printed', () => {
    const blocks = quotaParser.parse(f('quota-v-u-nobody'), ctx).points[0]!;
    expect(blocks.fields).toMatchObject({
      space_over_soft: true,
      files_over_soft: false,
      space_grace_left: { int: 86400 },
      files_used: { int: 1 },
    });
    const files = quotaParser.parse(f('quota-v-u-www-data'), ctx).points[0]!;
    expect(files.fields).toMatchObject({
      space_over_soft: false,
      files_over_soft: true,
      files_grace_left: { int: 7 * 86400 },
      files_used: { int: 4 },
      files_hard: { int: 5 },
    });
    const group = quotaParser.parse(f('quota-v-g-daemon'), ctx).points[0]!;
    expect(group.tags).toMatchObject({ type: 'group', name: 'daemon', device: '/dev/loop0' });
    expect(group.fields).toMatchObject({ space_used: { int: 5120 * 1024 }, space_hard: { int: 8192 * 1024 } });
  });

  it('reads the human-readable form (-s) in bytes', () => {
    const r = quotaParser.parse(f('quota-vs-u-daemon'), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points[0]!.fields).toMatchObject({ space_used: { int: 5120 * 1024 }, space_soft: { int: 10000 * 1024 } });
  });

  it('reads a filesystem name wrapped onto its own line (quota without -w)', () => {
    // Derived from the real output: quota wraps exactly like this when a device name is longer than 15 characters.
    const real = f('quota-v-u-nobody').split('\n');
    const row = real[2]!.replace('/dev/loop0', '/dev/mapper/vg_home-lv_home');
    const [dev, ...rest] = row.trim().split(/\s+/);
    const text = [real[0], real[1], `     ${dev}`, `               ${rest.join('   ')}`].join('\n');
    const r = quotaParser.parse(text, ctx);
    expect(r.problems).toEqual([]);
    expect(r.points[0]!.tags?.device).toBe('/dev/mapper/vg_home-lv_home');
    expect(r.points[0]!.fields.space_used).toEqual({ int: 3072 * 1024 });
  });

  it('reports "none", empty, garbled and truncated output without throwing', () => {
    expect(quotaParser.parse(f('quota-u-games-none'), ctx)).toEqual({
      points: [],
      problems: [expect.objectContaining({ reason: expect.stringContaining('no quota rows') })],
    });
    expect(quotaParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const garbled = quotaParser.parse(f('quota-v-u-nobody').replace('2048', 'x'), ctx);
    expect(garbled.points).toEqual([]);
    expect(garbled.problems[0]?.line).toBe(3);
    const cut = quotaParser.parse(f('quota-v-u-nobody').split('\n').slice(0, 2).join('\n') + '\n     /dev/loop0', ctx);
    expect(cut.problems[0]?.reason).toContain('truncated');
    expect(quotaParser.parse(f('repquota-augvp'), ctx).points).toEqual([]);
  });
});
