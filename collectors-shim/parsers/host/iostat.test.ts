import { describe, expect, it } from 'vitest';
import { iostatParser } from './iostat.ts';
import { ctx, fixture } from './testing.ts';

const JC = 'iostat-x.jc-ubuntu-20.10.txt';
const VM = 'captured-host/iostat-x-y-1-1.debian12-vm.txt';

describe('iostat parser', () => {
  it('reads every device of `iostat -x` with fields named from the header', () => {
    const r = iostatParser.parse(fixture(JC), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(14);
    const sda = r.points.find((p) => p.tags?.device === 'sda')!;
    expect(sda.measurement).toBe('iostat');
    expect(sda.fields).toMatchObject({
      r_per_s: 2.67,
      rkB_per_s: 100.76,
      rrqm_percent: 19.76,
      r_await: 0.36,
      rareq_sz: 37.75,
      w_per_s: 2.81,
      aqu_sz: 0,
      util_percent: 0.41,
      f_await: 0,
    });
    expect(Object.keys(sda.fields)).toHaveLength(22);
  });

  it('reads the output of this machine (sysstat 12.6.1, one interval report)', () => {
    const r = iostatParser.parse(fixture(VM), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points.length).toBeGreaterThanOrEqual(1);
    expect(r.points.every((p) => typeof p.fields.util_percent === 'number')).toBe(true);
  });

  it('reads an older sysstat header (other version) by name', () => {
    // Older sysstat (10.x) printed "Device:" and other columns; derive such a header from the real file.
    const text = fixture(JC)
      .replace(/^Device {12}r\/s/m, 'Device:           r/s')
      .replace('%util', '%busy');
    const r = iostatParser.parse(text, ctx);
    expect(r.problems).toEqual([]);
    expect(r.points[0]!.fields).toMatchObject({ r_per_s: 2.38, busy_percent: 0.34 });
  });

  it('reports garbled and truncated rows and keeps the others', () => {
    const lines = fixture(JC).split('\n');
    lines[7] = lines[7]!.replace('0.27', 'zero');
    lines[8] = lines[8]!.slice(0, 40);
    const r = iostatParser.parse(lines.join('\n'), ctx);
    expect(r.points).toHaveLength(12);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [8, 'a value is not a number'],
      [9, 'expected 23 columns, found 4'],
    ]);
  });

  it('reports empty output, a missing header and other output without throwing', () => {
    expect(iostatParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const noHeader = fixture(JC)
      .split('\n')
      .filter((l) => !l.startsWith('Device'))
      .join('\n');
    expect(iostatParser.parse(noHeader, ctx).points).toEqual([]);
    expect(iostatParser.parse(fixture('zpool-iostat-v.jc.txt'), ctx).points).toEqual([]);
  });
});
