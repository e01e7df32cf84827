import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../functions/_lib/config.ts';
import { hostEntries } from './host-entries.ts';
import { realContext } from './host-testing.ts';

describe('host collector entries and their config', () => {
  it('lists every host collector once, with the defaults documented in docs/metrics.md', () => {
    const c = defaultConfig();
    expect(hostEntries.map((e) => e.name)).toEqual([
      'gpu',
      'sensors',
      'nfs',
      'services',
      'ssh',
      'licenses',
      'zfs',
      'quota',
      'large_files',
      'job_cgroup',
    ]);
    const on = hostEntries.filter((e) => e.settings(c).enabled).map((e) => e.name);
    expect(on).toEqual(['zfs', 'job_cgroup']);
    expect(c.collectors.zfs.storage_backend).toBe('auto');
    expect(c.collectors.large_files.min_size).toBe(1024 ** 3);
    expect(c.collectors.ssh.connect_timeout).toBe(5000);
  });

  it('reads a full host configuration and rejects bad keys by name', () => {
    const c = parseConfig({
      collectors: {
        licenses: {
          enabled: true,
          servers: [
            { name: 'ansys', type: 'flexlm', address: '1055@lic1' },
            { name: 'pf', type: 'command', command: ['/opt/x', 'stat'], parser: 'rlmstat' },
          ],
        },
        large_files: { roots: ['/scratch'], min_size: '500M', top: 5 },
        zfs: { storage_backend: 'zfs' },
      },
    });
    expect(c.collectors.licenses.servers[0]).toMatchObject({ name: 'ansys', expiry: true, command: [] });
    expect(c.collectors.large_files.min_size).toBe(500 * 1024 ** 2);
    expect(() => parseConfig({ collectors: { zfs: { storage_backend: 'btrfs' } } })).toThrow(/storage_backend/);
    expect(() => parseConfig({ collectors: { large_files: { min_size: 'huge' } } })).toThrow(/min_size/);
    expect(() => parseConfig({ collectors: { licenses: { servers: [{ name: 'x', type: 'rlm' }] } } })).toThrow(
      /address/,
    );
  });

  it('every collector, built from the defaults and run on this machine, returns a result and never throws', async () => {
    const c = defaultConfig();
    for (const e of hostEntries) {
      const r = await e.build(c).collect(realContext({ timeoutMs: e.settings(c).timeout }));
      expect([e.name, Array.isArray(r.points), Array.isArray(r.problems)]).toEqual([e.name, true, true]);
    }
  });
});
