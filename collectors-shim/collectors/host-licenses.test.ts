import { describe, expect, it } from 'vitest';
import { licensesCollector } from './host-licenses.ts';
import { fakeExec, fixtureText, realContext } from './host-testing.ts';

const server = (name: string, type: 'flexlm' | 'rlm' | 'command', extra = {}) => ({
  name,
  type,
  address: '27000@lic1',
  command: [],
  parser: '',
  expiry: true,
  ...extra,
});
const opts = { lmutil: 'lmutil', rlmutil: 'rlmutil' };

describe('licenses collector', () => {
  it('runs lmstat -a and lmstat -i for FlexLM and tags every point with the license name', async () => {
    const exec = fakeExec({
      'lmutil lmstat -a -c 27000@lic1': { stdout: fixtureText('lmstat-a.flexlm_exporter-app2.txt') },
      'lmutil lmstat -i -c 27000@lic1': { stdout: fixtureText('lmstat-i.flexlm_exporter-app1.txt') },
    });
    const r = await licensesCollector({ ...opts, servers: [server('ansys', 'flexlm')] }).collect(realContext({ exec }));
    expect(r.error).toBeUndefined();
    expect(exec.calls).toEqual(['lmutil lmstat -a -c 27000@lic1', 'lmutil lmstat -i -c 27000@lic1']);
    expect(r.points.every((p) => p.tags?.license === 'ansys' && p.tags.host === 'h1')).toBe(true);
    expect(r.points.some((p) => p.measurement === 'license_feature' && p.fields.days_to_expiry !== undefined)).toBe(
      true,
    );
  });

  it('keeps the other servers when one fails, and writes a down point for the failed one', async () => {
    const exec = fakeExec({
      'rlmutil rlmstat -a -c 5053@rlm1': { stdout: fixtureText('rlmstat-a.license-manager-csci-converge.txt') },
    });
    const servers = [server('ansys', 'flexlm', { expiry: false }), server('converge', 'rlm', { address: '5053@rlm1' })];
    const r = await licensesCollector({ ...opts, servers }).collect(realContext({ exec }));
    expect(r.error).toBeUndefined();
    expect(r.points.filter((p) => p.tags?.license === 'converge').length).toBeGreaterThan(5);
    expect(r.points.find((p) => p.tags?.license === 'ansys')).toMatchObject({
      measurement: 'license_server',
      fields: { up: false },
    });
    expect(r.problems.some((p) => p.reason.includes('ENOENT'))).toBe(true);
  });

  it('with lmutil really missing on this machine: an error and a down point, no throw', async () => {
    const r = await licensesCollector({ ...opts, servers: [server('ansys', 'flexlm')] }).collect(realContext());
    expect(r.error).toContain('ENOENT');
    expect(r.points).toEqual([
      expect.objectContaining({ measurement: 'license_server', fields: expect.objectContaining({ up: false }) }),
    ]);
  });

  it('runs a configured command through a named parser, and rejects an unknown parser name', async () => {
    const exec = fakeExec({
      '/opt/rlm/rlmutil rlmstat -a -c 1@x': {
        stdout: fixtureText('rlmstat-a.license-manager-connect-error.txt'),
        ok: false,
        code: 1,
        failure: 'exit',
      },
    });
    const good = server('pf', 'command', {
      command: ['/opt/rlm/rlmutil', 'rlmstat', '-a', '-c', '1@x'],
      parser: 'rlmstat',
    });
    const r = await licensesCollector({ ...opts, servers: [good] }).collect(realContext({ exec }));
    expect(r.points[0]).toMatchObject({
      measurement: 'license_server',
      tags: { license: 'pf', server: 'licserv0001' },
      fields: { up: false },
    });
    const bad = await licensesCollector({ ...opts, servers: [{ ...good, parser: 'nope' }] }).collect(
      realContext({ exec }),
    );
    expect(bad.error).toContain('unknown parser "nope"');
  });
});
