import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers/influx.ts';
import { encodePoint, encodePoints, int } from './line-protocol.ts';

describe('line protocol encoding', () => {
  it('encodes floats, integers, booleans and strings with sorted tags', () => {
    const line = encodePoint({
      measurement: 'disk',
      tags: { path: '/', device: 'sda' },
      fields: { f: 1.5, i: int(3), b: true, s: 'x' },
      time: 1000,
    });
    expect(line).toBe('disk,device=sda,path=/ f=1.5,i=3i,b=true,s="x" 1000');
  });

  it('writes time in the asked precision', () => {
    const p = { measurement: 'm', fields: { v: 1 }, time: 1_700_000_000_123 };
    expect(encodePoint(p, 's')).toMatch(/ 1700000000$/);
    expect(encodePoint(p, 'ms')).toMatch(/ 1700000000123$/);
    expect(encodePoint(p, 'ns')).toMatch(/ 1700000000123000000$/);
    expect(encodePoint({ ...p, time: 1_700_000_000_123_456_789n }, 'ns')).toMatch(/ 1700000000123456789$/);
  });

  it('drops NaN, Infinity, null and undefined fields, empty tags, and points left with no field', () => {
    expect(
      encodePoint({ measurement: 'm', tags: { a: '', b: undefined }, fields: { x: NaN, y: Infinity, z: null, w: 2 } }),
    ).toBe('m w=2');
    expect(encodePoint({ measurement: 'm', fields: { x: NaN } })).toBeUndefined();
    expect(
      encodePoints([
        { measurement: 'm', fields: { x: NaN } },
        { measurement: 'n', fields: { v: 1 } },
      ]),
    ).toBe('n v=1');
  });

  it('escapes names, tag keys and values, field keys and string fields', () => {
    const line = encodePoint({
      measurement: 'my m,x',
      tags: { 'k=1': 'a b,c=d' },
      fields: { 'f k': 'say "hi" \\ bye' },
    });
    expect(line).toBe('my\\ m\\,x,k\\=1=a\\ b\\,c\\=d f\\ k="say \\"hi\\" \\\\ bye"');
  });
});

// The real test of escaping: what InfluxDB stores, and that every odd string stays one point.
describe('line protocol against a real InfluxDB', () => {
  const nasty = [
    'plain',
    'with space',
    'comma,inside',
    'equals=sign',
    'quote"double',
    "quote'single",
    'back\\slash',
    'ends with backslash\\',
    'new\nline',
    'car\rriage',
    'tab\there',
    'ünïcödé ✓ 作业',
    'x=1 y=2\nevil,host=a v=666',
    '\\,',
  ];

  it('round-trips every string field exactly and never creates an extra point', async () => {
    const store = await freshDatabase('lp_fields');
    const points = nasty.map((s, i) => ({
      measurement: 'lp',
      tags: { n: String(i) },
      fields: { s, i: int(i) },
      time: 1_700_000_000_000 + i,
    }));
    const r = await store.write(points);
    expect(r.rejected).toEqual([]);
    const rows = await store.rows('SELECT * FROM lp');
    expect(rows).toHaveLength(nasty.length);
    for (const row of rows) expect(row.s).toBe(nasty[Number(row.n)]);
    const [evil] = await store.query('SELECT * FROM evil');
    expect(evil).toEqual([]);
  });

  it('keeps every odd tag value and measurement name as one series, with no injected point', async () => {
    const store = await freshDatabase('lp_tags');
    const points = nasty.map((s, i) => ({
      measurement: `m ${i},x`,
      tags: { job_name: s, n: String(i) },
      fields: { v: int(i) },
      time: 1_700_000_000_000,
    }));
    const r = await store.write(points);
    expect(r.rejected).toEqual([]);
    const [series = []] = await store.query('SHOW SERIES');
    expect(series[0]?.values).toHaveLength(nasty.length);
    const rows = await store.rows('SELECT * FROM /^m /');
    expect(rows).toHaveLength(nasty.length);
    for (const row of rows) {
      const original = nasty[Number(row.n)]!;
      // Control characters are stored as visible escapes, and a backslash that would escape a separator is dropped.
      const expected = original
        .replace(/\\+(?=[,= \t\n\r]|$)/g, '')
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
        .replace(/\t/g, '\\t');
      expect(row.job_name).toBe(expected);
    }
  });
});
