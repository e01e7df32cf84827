import { describe, expect, it } from 'vitest';
import { arcstatsParser } from './arcstats.ts';
import { ctx, fixture } from './testing.ts';

const ARC = 'arcstats.telegraf-linux-openzfs.txt';

describe('arcstats parser', () => {
  it('reads every counter as a Telegraf zfs field and adds the hit ratio', () => {
    const r = arcstatsParser.parse(fixture(ARC), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(1);
    const f = r.points[0]!.fields;
    expect(r.points[0]!.measurement).toBe('zfs');
    expect(Object.keys(f)).toHaveLength(147 + 1);
    expect(f).toMatchObject({
      arcstats_hits: { int: 33266704081 },
      arcstats_misses: { int: 30882817 },
      arcstats_size: { int: 14960038920 },
      arcstats_c_max: { int: 32458756096 },
    });
    expect(f.arcstats_hit_ratio).toBeCloseTo(33266704081 / (33266704081 + 30882817), 6);
  });

  it('reports garbled and truncated rows and keeps the rest', () => {
    const text = fixture(ARC).replace(/^misses(\s+)4(\s+)30882817$/m, 'misses$14$2308x2817');
    const r = arcstatsParser.parse(text, ctx);
    expect(r.problems).toEqual([expect.objectContaining({ line: 5, reason: 'not a "name type value" row' })]);
    expect(r.points[0]!.fields.arcstats_misses).toBeUndefined();
    expect(r.points[0]!.fields.arcstats_hit_ratio).toBeUndefined();
    const cut = arcstatsParser.parse(fixture(ARC).slice(0, 400), ctx);
    expect(Object.keys(cut.points[0]!.fields).length).toBeLessThan(20);
    expect(cut.problems.length).toBeLessThanOrEqual(1);
  });

  it('reports empty output and another kstat-less file without throwing', () => {
    expect(arcstatsParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const other = arcstatsParser.parse(fixture('zpool-list-Hp.telegraf-freenas.txt'), ctx);
    expect(other.points).toEqual([]);
    expect(other.problems[0]?.reason).toContain('not a kstat file');
  });
});
