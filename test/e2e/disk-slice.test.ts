// The first vertical slice, real end to end: df on a real filesystem → shim → real InfluxDB → alerts (default rules)
// → outbox → notify → a real webhook receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp as alertsApp } from '../../functions/alerts/app.ts';
import { createApp as notifyApp } from '../../functions/notify/app.ts';
import { type Config, parseConfig } from '../../functions/_lib/config.ts';
import { type Deps, silentLogger } from '../../functions/_lib/deps.ts';
import { defaultRules } from '../../functions/_lib/default-rules.ts';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import type { AlertEvent } from '../../functions/_lib/notify/types.ts';
import { verifySignature } from '../../functions/_lib/notify/signature.ts';
import { execCommand } from '../../collectors-shim/exec.ts';
import { createShim } from '../../collectors-shim/shim.ts';
import { createBatchWriter } from '../../collectors-shim/writer.ts';
import { freshDatabase } from '../helpers/influx.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { type SmallFs, mountTmpfs } from '../helpers/tmpfs.ts';

const MIN = 60_000;
const ev = (r: { json: unknown }) => r.json as AlertEvent;

function slice(config: Config, store: InfluxClient, now: () => number) {
  const writer = createBatchWriter({ store, log: silentLogger });
  const shim = createShim({ config: () => config, writer, exec: execCommand, log: silentLogger, now, host: 'head1' });
  const deps: Deps = { config: () => config, store, now, log: silentLogger, fetch };
  const alerts = alertsApp(deps);
  const notify = notifyApp(deps);
  return {
    collect: async () => {
      const r = await shim.runOnce('disk');
      await writer.flush();
      return r;
    },
    evaluate: async () =>
      (await alerts.request('/evaluate', { method: 'POST' })).json() as Promise<Record<string, number>>,
    deliver: async () =>
      (await notify.request('/deliver', { method: 'POST' })).json() as Promise<Record<string, number>>,
  };
}

describe('disk slice: shim → InfluxDB → alerts → outbox → webhook', () => {
  let fs: SmallFs;
  let receiver: Receiver;
  let clock = Date.UTC(2026, 10, 25, 0, 0, 0);
  const now = () => clock;

  beforeAll(async () => {
    fs = mountTmpfs(64);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    fs?.unmount();
    await receiver?.close();
  });

  it('fires the projection rule, then the threshold rule, once each, signed, and resolves', async () => {
    const store = await freshDatabase('e2e_disk');
    // The two default disk rules (the clock jumps below would also, rightly, fire the default staleness rules).
    const config = parseConfig({
      alerts: { rules: defaultRules.filter((r) => String(r.id).startsWith('disk_')) },
      collectors: { disk: { include_paths: [fs.path] } },
      notify: { webhooks: [{ name: 'ops', url: receiver.url, secret: 'k1', min_severity: 'info' }] },
    });
    const s = slice(config, store, now);
    // 4 MiB every 10 minutes: 24 MiB/h on a 64 MiB filesystem.
    for (let i = 0; i < 6; i++) {
      fs.grow(`f${i}`, 4);
      const r = await s.collect();
      expect(r.error).toBeUndefined();
      expect(r.points).toHaveLength(1);
      clock += 10 * MIN;
    }
    clock -= 10 * MIN;
    expect(await s.evaluate()).toMatchObject({ ok: true, notices: 1, rule_errors: 0 });
    expect(await s.deliver()).toMatchObject({ sent: 1, failed: 0 });

    const hit = await receiver.waitFor((r) => ev(r).rule === 'disk_full_within');
    const event = ev(hit);
    expect(
      await verifySignature(hit.headers['x-nomad-signature'] as string, hit.body, ['k1'], { nowMs: clock }),
    ).toEqual({ ok: true });
    expect(event).toMatchObject({
      kind: 'firing',
      state: 'firing',
      severity: 'critical',
      series: { measurement: 'disk', tags: { path: fs.path, host: 'head1' } },
    });
    const rate = event.details.rate_per_hour as number;
    expect(rate / (24 * 1024 * 1024)).toBeGreaterThan(0.95);
    expect(rate / (24 * 1024 * 1024)).toBeLessThan(1.05);
    // 40 MiB left at 24 MiB/h: about 1.67 h.
    expect(event.value).toBeGreaterThan(1.5);
    expect(event.value).toBeLessThan(1.85);
    expect(event.message).toMatch(new RegExp(`${fs.path} on head1 projected full in 1\\.\\d\\d h`));

    // The derived series were written back where Grafana reads them.
    const trend = await store.rows(`SELECT * FROM nomad_trend WHERE "rule" = 'disk_full_within'`);
    expect(trend[0]).toMatchObject({ path: fs.path, samples: 6, firing: true });
    expect(trend[0]!.rate_per_hour as number).toBeCloseTo(rate, 0);

    // Still firing: no second notice, and nothing left to deliver.
    clock += MIN;
    expect(await s.evaluate()).toMatchObject({ notices: 0 });
    expect(await s.deliver()).toMatchObject({ sent: 0 });

    // Grow to 56 of 64 MiB (87.5%): the threshold rule fires as a warning.
    fs.grow('big', 32);
    clock += 10 * MIN;
    await s.collect();
    expect(await s.evaluate()).toMatchObject({ notices: 1 });
    await s.deliver();
    const threshold = ev(await receiver.waitFor((r) => ev(r).rule === 'disk_used_percent'));
    expect(threshold).toMatchObject({ severity: 'warning', limit: 85 });
    expect(threshold.value).toBeGreaterThan(85);

    // Free it all: both alerts resolve, each once.
    for (const f of ['big', 'f0', 'f1', 'f2', 'f3', 'f4', 'f5']) fs.shrink(f);
    clock += 7 * 3_600_000; // past the window, so only the empty samples remain
    for (let i = 0; i < 3; i++) {
      await s.collect();
      clock += 10 * MIN;
    }
    expect(await s.evaluate()).toMatchObject({ notices: 2 });
    clock += MIN;
    expect(await s.evaluate()).toMatchObject({ notices: 0 });
    await s.deliver();
    const kinds = receiver.received.map((r) => `${ev(r).rule}:${ev(r).kind}`);
    expect(kinds.sort()).toEqual([
      'disk_full_within:firing',
      'disk_full_within:resolved',
      'disk_used_percent:firing',
      'disk_used_percent:resolved',
    ]);
    const beats = await store.rows(
      `SELECT count(duration_ms) AS n FROM nomad_function_run WHERE "function" = 'alerts'`,
    );
    expect(beats[0]?.n).toBe(5);
  });

  it('keeps a notice in the outbox while the receiver is down and delivers it once when it is back', async () => {
    const store = await freshDatabase('e2e_down');
    const down = await startReceiver();
    const config = parseConfig({
      alerts: {
        rules: [{ id: 'full', kind: 'threshold', measurement: 'disk', field: 'used_percent', levels: { warning: 1 } }],
      },
      collectors: { disk: { include_paths: [fs.path] } },
      notify: { webhooks: [{ name: 'ops', url: down.url, attempts: 2, timeout: '1s' }] },
    });
    const s = slice(config, store, now);
    fs.grow('x', 8);
    await s.collect();
    expect(await s.evaluate()).toMatchObject({ notices: 1 });
    down.failWith(503);
    expect(await s.deliver()).toMatchObject({ sent: 0, failed: 1 });
    clock += MIN;
    expect(await s.deliver()).toMatchObject({ sent: 0, failed: 1 });
    down.failWith(undefined);
    clock += MIN;
    // A new instance of the function (a restart) finds the notice in InfluxDB.
    const after = slice(config, store, now);
    expect(await after.deliver()).toMatchObject({ sent: 1 });
    clock += MIN;
    expect(await after.deliver()).toMatchObject({ sent: 0 });
    expect(down.received).toHaveLength(1);
    fs.shrink('x');
    await down.close();
  });
});
