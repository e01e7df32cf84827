import { describe, expect, it } from 'vitest';
import { applyEnv, defaultConfig, parseConfig } from './config.ts';
import { NomadError } from './errors.ts';

describe('config', () => {
  it('has a default for every key', () => {
    const c = defaultConfig();
    expect(c.server).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(c.collectors.disk.interval).toBe(60_000);
    const full = c.alerts.rules.find((r) => r.id === 'disk_full_within');
    expect(full).toMatchObject({
      kind: 'derivative',
      metric: 'hours_to_limit',
      limit: 'used+free',
      levels: { warning: 24, critical: 4 },
    });
    expect(c.alerts.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(['node_down', 'license_expiring', 'collector_stale']),
    );
  });

  it('rejects a bad value naming the key and the reason', () => {
    const err = (() => {
      try {
        parseConfig({ server: { port: 'eighty' } });
      } catch (e) {
        return e as NomadError;
      }
    })();
    expect(err).toBeInstanceOf(NomadError);
    expect(err?.field).toBe('server.port');
    expect(err?.message).toMatch(/server\.port: .*number/);
    expect(() => parseConfig({ collectors: { disk: { interval: 'soon' } } })).toThrow(
      /collectors\.disk\.interval: "soon" is not a duration/,
    );
    expect(() => parseConfig({ general: { colour: 'red' } })).toThrow(/general: Unrecognized key: "colour"/);
    const rule = {
      id: 'r1',
      kind: 'derivative',
      measurement: 'disk',
      field: 'used',
      metric: 'hours_to_limit',
      levels: { warning: 1 },
    };
    expect(() => parseConfig({ alerts: { rules: [rule] } })).toThrow(
      /alerts\.rules\.0\.limit: hours_to_limit needs a limit/,
    );
    expect(() =>
      parseConfig({
        alerts: {
          rules: [
            { ...rule, limit: 100 },
            { ...rule, limit: 100 },
          ],
        },
      }),
    ).toThrow(/alerts\.rules\.1\.id: duplicate rule id "r1"/);
    expect(() => parseConfig({ alerts: { rules: [{ ...rule, limit: 100, smoothing: 'ema:7' }] } })).toThrow(
      /alerts\.rules\.0\.smoothing/,
    );
  });

  it('lets NOMAD_* variables override any key, keys with underscores included', () => {
    const raw = applyEnv(
      { server: { port: 1 } },
      {
        NOMAD_SERVER_PORT: '9999',
        NOMAD_INFLUX_URL: 'http://db:8086',
        NOMAD_GENERAL_LOG_LEVEL: 'debug',
        NOMAD_INFLUX_RETENTION_POLICY: 'raw',
        NOMAD_COLLECTORS_DISK_INTERVAL: '15s',
        NOMAD_COLLECTORS_DISK_INCLUDE_PATHS: '["/scratch","/home"]',
        NOMAD_GENERAL_CLUSTER: '42',
        NOMAD_NO_SUCH_KEY: 'ignored',
        PATH: '/bin',
      },
    );
    const c = parseConfig(raw);
    expect(c.server.port).toBe(9999);
    expect(c.influx.url).toBe('http://db:8086');
    expect(c.general.log_level).toBe('debug');
    expect(c.influx.retention_policy).toBe('raw');
    expect(c.collectors.disk.interval).toBe(15_000);
    expect(c.collectors.disk.include_paths).toEqual(['/scratch', '/home']);
    expect(c.general.cluster).toBe('42');
  });
});
