import { describe, expect, it } from 'vitest';
import { repquotaParser } from './repquota.ts';
import { ctx, fixture } from './testing.ts';

// Real repquota 4.06 output from quota files on a loop-mounted ext4 (see test/fixtures/ORIGINS-host.md).
const RAW = 'captured-host/repquota-augvp.quota-4.06-loop-ext4.txt';
const HUMAN = 'captured-host/repquota-ugs.quota-4.06-loop-ext4.txt';
const VERBOSE = 'captured-host/repquota-vug.quota-4.06-loop-ext4.txt';
const find = (r: ReturnType<typeof repquotaParser.parse>, type: string, name: string) =>
  r.points.find((p) => p.tags?.type === type && p.tags.name === name);

describe('repquota parser', () => {
  it('reads users and groups with exact grace deadlines (-p), space in bytes', () => {
    const r = repquotaParser.parse(fixture(RAW), ctx);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(8);
    expect(r.points.every((p) => p.measurement === 'quota' && p.tags?.device === '/dev/loop0')).toBe(true);
    expect(find(r, 'user', 'nobody')?.fields).toEqual({
      space_used: { int: 3072 * 1024 },
      space_soft: { int: 2048 * 1024 },
      space_hard: { int: 4096 * 1024 },
      files_used: { int: 1 },
      files_soft: { int: 10 },
      files_hard: { int: 20 },
      space_over_soft: true,
      files_over_soft: false,
      space_grace_until: { int: 1795655976 },
    });
    expect(find(r, 'user', 'www-data')?.fields).toMatchObject({
      files_over_soft: true,
      files_grace_until: { int: 1796174372 },
    });
    expect(find(r, 'group', 'daemon')?.fields).toMatchObject({
      space_over_soft: true,
      space_grace_until: { int: 1796174376 },
    });
    expect(find(r, 'user', 'root')?.fields).not.toHaveProperty('space_grace_until'); // 0 = no grace running
  });

  it('reads the default and human-readable (-s) forms into the same numbers, grace as time left', () => {
    const raw = repquotaParser.parse(fixture(RAW), ctx).points;
    for (const name of [VERBOSE, HUMAN]) {
      const r = repquotaParser.parse(fixture(name), ctx);
      expect(r.problems).toEqual([]);
      expect(r.points.map((p) => p.fields.space_used)).toEqual(raw.map((p) => p.fields.space_used));
      expect(find(r, 'user', 'nobody')?.fields.space_grace_left).toEqual({ int: 24 * 3600 }); // "24:00"
      expect(find(r, 'user', 'www-data')?.fields.files_grace_left).toEqual({ int: 7 * 86400 }); // "7days"
    }
  });

  it('reports garbled and truncated rows and keeps the others', () => {
    const text = fixture(RAW).replace('daemon    --    5120   10000', 'daemon    --    5120   lots');
    const r = repquotaParser.parse(text, ctx);
    expect(r.problems).toEqual([
      expect.objectContaining({ line: 7, reason: expect.stringContaining('expected used, soft, hard') }),
    ]);
    expect(r.points).toHaveLength(7);
    const cut = fixture(RAW).slice(0, fixture(RAW).indexOf('nobody') + 20);
    const c = repquotaParser.parse(cut, ctx);
    expect(c.points).toHaveLength(3);
    expect(c.problems).toHaveLength(1);
  });

  it('reports empty output and quota output (another command) without throwing', () => {
    expect(repquotaParser.parse('', ctx).problems[0]?.reason).toContain('empty');
    const other = repquotaParser.parse(fixture('captured-host/quota-v-u-nobody.quota-4.06-loop-ext4.txt'), ctx);
    expect(other.points).toEqual([]);
    expect(other.problems.length).toBeGreaterThan(0);
  });
});
