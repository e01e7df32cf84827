import { describe, expect, it } from 'vitest';
import { rlmstatParser } from './rlmstat.ts';
import { ctx, fixture } from './testing.ts';

const CSCI = 'rlmstat-a.license-manager-csci-converge.txt';
const ERR = 'rlmstat-a.license-manager-connect-error.txt';
const at = { ...ctx, now: Date.UTC(2021, 10, 3) }; // the day the fixture was captured

describe('rlmstat parser', () => {
  it('reads the rlm and ISV servers, every pool and its users', () => {
    const r = rlmstatParser.parse(fixture(CSCI), at);
    expect(r.problems).toEqual([]);
    const servers = r.points.filter((p) => p.measurement === 'license_server');
    expect(servers.map((s) => [s.tags?.daemon, s.tags?.server, s.tags?.port, s.fields.up])).toEqual([
      ['rlm', 'licserv.com', '35015', true],
      ['csci', 'licserv.server.com', '63133', true],
    ]);
    expect(servers[0]!.fields.uptime).toEqual({ int: 99 * 86400 + 11 * 3600 + 8 * 60 + 25 });
    expect(servers[1]!.fields.restarts).toEqual({ int: 0 });
    const features = r.points.filter((p) => p.measurement === 'license_feature');
    expect(features.map((f) => f.tags?.feature)).toEqual([
      'converge',
      'converge_gui',
      'converge_gui_polygonica',
      'converge_super',
      'converge_tecplot',
    ]);
    const sup = features.find((f) => f.tags?.feature === 'converge_super')!;
    expect(sup.tags).toMatchObject({ type: 'rlm', version: '3.0' });
    expect(sup.fields).toMatchObject({
      issued: { int: 1000 },
      used: { int: 93 },
      reserved: { int: 0 },
      users: { int: 2 },
      expires: '31-jan-2022',
      days_to_expiry: { int: 90 },
    });
    const users = r.points.filter((p) => p.measurement === 'license_user');
    expect(users.map((u) => [u.tags?.user, u.fields.seats, u.fields.checkouts])).toEqual([
      ['asdj13', { int: 66 }, { int: 2 }],
      ['cddcp2', { int: 27 }, { int: 1 }],
    ]);
  });

  it('turns a connection error into a server-down point and a problem', () => {
    const r = rlmstatParser.parse(fixture(ERR), at);
    expect(r.points).toHaveLength(1);
    expect(r.points[0]).toMatchObject({
      measurement: 'license_server',
      tags: { type: 'rlm', daemon: 'rlm', server: 'licserv0001', port: '27007' },
      fields: { up: false },
    });
    expect(r.problems).toEqual([
      { line: 7, text: 'Error connecting to "rlm" server', reason: 'license server not reachable' },
    ]);
  });

  it('reports garbled and truncated output and keeps the rest', () => {
    const garbled = fixture(CSCI).replace(
      'count: 45, # reservations: 0, inuse: 0, exp: 31-jan-2022',
      'count: 45, # reservations: ?',
    );
    const r = rlmstatParser.parse(garbled, at);
    expect(r.problems.map((p) => p.line)).toEqual([50]);
    expect(r.points.filter((p) => p.measurement === 'license_feature')).toHaveLength(5);
    const text = fixture(CSCI);
    const cut = rlmstatParser.parse(text.slice(0, text.indexOf('converge_super v3.0\n')), at);
    expect(cut.points.filter((p) => p.measurement === 'license_feature')).toHaveLength(3);
  });

  it('reports empty output and FlexLM output (another tool) without throwing', () => {
    expect(rlmstatParser.parse('', at).problems[0]?.reason).toContain('empty');
    const flex = rlmstatParser.parse(fixture('lmstat-a.flexlm_exporter-app2.txt'), at);
    expect(flex.points).toEqual([]);
    expect(flex.problems.length).toBeGreaterThan(10);
  });
});
