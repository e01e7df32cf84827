import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodePoints } from '../../functions/_lib/line-protocol.ts';
import { dfParser, parseDfRows } from './df.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
const ctx = { now: 1_700_000_000_000, tags: { host: 'h1' } };

describe('df parser', () => {
  it('reads `df` with 1K blocks (jc fixture) into bytes', () => {
    const r = dfParser.parse(fixture('df.jc-ubuntu-18.04.txt'), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(18);
    const root = r.points.find((p) => p.tags?.path === '/');
    expect(root?.tags).toMatchObject({ device: '/dev/sda2', host: 'h1' });
    expect(root?.fields).toMatchObject({
      total: { int: 20508240 * 1024 },
      used: { int: 5748028 * 1024 },
      free: { int: 13695408 * 1024 },
    });
    // Telegraf's used_percent: used / (used + free), which is what df's own Use% rounds up.
    expect(root?.fields.used_percent).toBeCloseTo((100 * 5748028) / (5748028 + 13695408), 6);
  });

  it('reads the captured `df -P -B1 -T` and `df -P -i -T` of a real machine', () => {
    const bytes = parseDfRows(fixture('captured/df-P-B1-T.debian12-vm.txt'));
    const inodes = parseDfRows(fixture('captured/df-P-i-T.debian12-vm.txt'));
    expect(bytes.problems).toEqual([]);
    expect(inodes.problems).toEqual([]);
    const root = bytes.rows.find((r) => r.path === '/');
    expect(root).toMatchObject({ device: '/dev/vda', fstype: 'ext4' });
    expect(root!.fields.total).toBeGreaterThan(root!.fields.used!);
    const rootInodes = inodes.rows.find((r) => r.path === '/');
    expect(rootInodes!.fields.inodes_total).toBeGreaterThan(0);
    expect(Object.keys(rootInodes!.fields).sort()).toEqual([
      'inodes_free',
      'inodes_total',
      'inodes_used',
      'inodes_used_percent',
    ]);
  });

  it('reports a garbled line with its number and keeps every good line', () => {
    const lines = fixture('df.jc-ubuntu-18.04.txt').split('\n');
    lines.splice(3, 0, '/dev/sdz1  12x34 garbage');
    const r = dfParser.parse(lines.join('\n'), ctx);
    expect(r.points).toHaveLength(18);
    expect(r.problems).toEqual([
      { line: 4, text: '/dev/sdz1  12x34 garbage', reason: expect.stringContaining('not a df row') },
    ]);
  });

  it('reports output with no header and empty output without throwing', () => {
    const body = fixture('df.jc-ubuntu-18.04.txt').split('\n').slice(1).join('\n');
    const r = dfParser.parse(body, ctx);
    expect(r.points).toEqual([]);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(dfParser.parse('', ctx)).toEqual({ points: [], problems: [] });
  });

  it('keeps mount points with spaces as one tag value', () => {
    const text = fixture('captured/df-P-B1-T.debian12-vm.txt').replace(' /dev/shm', ' /mnt/my data,x=1');
    const r = dfParser.parse(text, ctx);
    const odd = r.points.find((p) => p.tags?.path === '/mnt/my data,x=1');
    expect(odd).toBeDefined();
    expect(encodePoints([odd!])).toContain('path=/mnt/my\\ data\\,x\\=1');
  });
});
