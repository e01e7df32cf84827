import { describe, expect, it } from 'vitest';
import { lmstatParser } from './lmstat.ts';
import { ctx, fixture } from './testing.ts';

const TRIAD = 'lmstat-a.flexlm_exporter-app1-3server-triad.txt';
const APP2 = 'lmstat-a.flexlm_exporter-app2.txt';
const DOWN = 'lmstat-a.flexlm_exporter-server-down.txt';
const INFO = 'lmstat-i.flexlm_exporter-app1.txt';
const at = { ...ctx, now: Date.UTC(2018, 8, 1) }; // 2018-09-01, before the fixtures' expiry dates

const find = (points: ReturnType<typeof lmstatParser.parse>['points'], m: string, tags: Record<string, string>) =>
  points.filter((p) => p.measurement === m && Object.entries(tags).every(([k, v]) => p.tags?.[k] === v));

describe('lmstat parser', () => {
  it('reads a triad: three servers up, one master, the vendor daemon, every feature', () => {
    const r = lmstatParser.parse(fixture(APP2), at);
    expect(r.problems).toEqual([]);
    const servers = find(r.points, 'license_server', { type: 'flexlm' });
    expect(servers.map((s) => [s.tags?.server, s.tags?.port, s.tags?.daemon, s.fields.up, s.fields.master])).toEqual([
      ['host1', '28000', undefined, true, false],
      ['host2', '28000', undefined, true, true],
      ['host3', '28000', undefined, true, false],
      ['host2', undefined, 'vendor1', true, undefined],
    ]);
    expect(find(r.points, 'license_feature', {})).toHaveLength(10);
    expect(find(r.points, 'license_feature', { feature: 'feature2' })[0]?.fields).toMatchObject({
      issued: { int: 144 },
      used: { int: 22 },
      free: { int: 122 },
      users: { int: 13 },
    });
    // user5 holds five checkouts of feature2, one seat each.
    expect(find(r.points, 'license_user', { feature: 'feature2', user: 'user5' })[0]?.fields).toEqual({
      seats: { int: 5 },
      checkouts: { int: 5 },
    });
  });

  it('counts reservations, multi-seat checkouts, lingering and queued users', () => {
    const r = lmstatParser.parse(fixture(TRIAD), at);
    expect(r.problems).toEqual([]);
    const f1 = find(r.points, 'license_feature', { feature: 'feature1' })[0]!;
    expect(f1.fields).toMatchObject({
      issued: { int: 1814 },
      used: { int: 1206 },
      reserved: { int: 132 },
      users: { int: 33 },
    });
    expect(find(r.points, 'license_user', { feature: 'feature1', user: 'user10' })[0]?.fields).toEqual({
      seats: { int: 96 },
      checkouts: { int: 7 },
    });
    expect(find(r.points, 'license_user', { feature: 'feature31', user: 'cmfy212' })[0]?.fields.seats).toEqual({
      int: 16,
    });
    expect(find(r.points, 'license_feature', { feature: 'feature5' })[0]?.fields.queued).toEqual({ int: 2 });
    // A user name with spaces stays one tag value.
    expect(find(r.points, 'license_user', { feature: 'feature100', user: 'Jane Doe Jr.' })).toHaveLength(1);
  });

  it('reports a server that cannot be reached as down, with the reason', () => {
    const r = lmstatParser.parse(fixture(DOWN), at);
    const host3 = find(r.points, 'license_server', { server: 'host3' })[0]!;
    expect(host3.fields.up).toBe(false);
    expect(host3.fields.error).toContain('Cannot connect to license server system');
    expect(find(r.points, 'license_feature', { feature: 'feature2' })[0]?.fields).toMatchObject({
      used: { int: 39 },
      permanent: true,
    });
  });

  it('marks every server down when lmstat cannot reach any of them', () => {
    // Derived from the real output: keep the header, then only host3's connection error, as lmstat prints it alone.
    const lines = fixture(DOWN).split('\n');
    const error = lines.find((l) => l.startsWith('host3: '))!.replace('host3: ', '');
    const r = lmstatParser.parse([...lines.slice(0, 5), error].join('\n'), at);
    expect(r.points.map((p) => [p.tags?.server, p.fields.up])).toEqual([
      ['host1', false],
      ['host2', false],
      ['host3', false],
    ]);
    expect(r.problems).toEqual([expect.objectContaining({ reason: 'license server not reachable' })]);
  });

  it('turns the expiry table of lmstat -i into days to expiry (earliest date per feature, permanent kept apart)', () => {
    const r = lmstatParser.parse(fixture(INFO), at);
    expect(r.problems).toEqual([]);
    expect(r.points).toHaveLength(16);
    expect(find(r.points, 'license_feature', { feature: 'feature1' })[0]?.fields).toEqual({
      expires: '31-dec-2018',
      permanent: false,
      days_to_expiry: { int: 122 },
    }); // to the end of 31 Dec
    expect(find(r.points, 'license_feature', { feature: 'feature12' })[0]?.fields.days_to_expiry).toEqual({ int: 30 });
    expect(find(r.points, 'license_feature', { feature: 'feature16' })[0]?.fields).toEqual({
      expires: '01-jan-0000',
      permanent: true,
      days_to_expiry: undefined,
    });
    const later = lmstatParser.parse(fixture(INFO), { ...ctx, now: Date.UTC(2019, 0, 10) });
    expect(find(later.points, 'license_feature', { feature: 'feature1' })[0]?.fields.days_to_expiry).toEqual({
      int: -9,
    });
  });

  it('reports garbled and truncated output and keeps the rest', () => {
    const text = fixture(APP2).replace(
      'Users of feature3:  (Total of 144 licenses issued;',
      'Users of feature3:  (Total of many licenses issued;',
    );
    const r = lmstatParser.parse(text, at);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 47, reason: expect.stringContaining('feature status not understood') });
    expect(find(r.points, 'license_feature', {})).toHaveLength(10);
    const cut = fixture(APP2).slice(0, fixture(APP2).indexOf('Users of feature5'));
    expect(find(lmstatParser.parse(cut, at).points, 'license_feature', {})).toHaveLength(4);
  });

  it('reports empty output and RLM output (another tool) without throwing', () => {
    expect(lmstatParser.parse('', at).problems[0]?.reason).toContain('empty');
    const rlm = lmstatParser.parse(fixture('rlmstat-a.license-manager-csci-converge.txt'), at);
    expect(rlm.points).toEqual([]);
    expect(rlm.problems.length).toBeGreaterThan(10);
  });
});
