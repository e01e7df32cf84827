// The first vertical slice, real end to end: df on a real filesystem → shim → real InfluxDB → alerts → webhook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/alerts/app.ts';
import { parseConfig } from '../../functions/_lib/config.ts';
import { type Deps, silentLogger } from '../../functions/_lib/deps.ts';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import { createNotifier } from '../../functions/_lib/notify/notifier.ts';
import type { AlertEvent } from '../../functions/_lib/notify/types.ts';
import { verifySignature } from '../../functions/_lib/notify/signature.ts';
import { execCommand } from '../../collectors-shim/exec.ts';
import { createShim } from '../../collectors-shim/shim.ts';
import { createBatchWriter } from '../../collectors-shim/writer.ts';
import { freshDatabase } from '../helpers/influx.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { type SmallFs, mountTmpfs } from '../helpers/tmpfs.ts';

const MIN = 60_000;

describe('disk slice: shim → InfluxDB → alerts → webhook', () => {
  let fs: SmallFs;
  let receiver: Receiver;
  let store: InfluxClient;
  let clock = Date.UTC(2026, 10, 25, 0, 0, 0);
  const now = () => clock;

  beforeAll(async () => {
    fs = mountTmpfs(64);
    receiver = await startReceiver();
    store = await freshDatabase('e2e_disk');
  });
  afterAll(async () => {
    fs?.unmount();
    await receiver?.close();
  });

  it('fires the projection rule, then the threshold rule, once each, signed, and resolves', async () => {
    const config = parseConfig({
      collectors: { disk: { include_paths: [fs.path] } },
      notify: { webhooks: [{ name: 'ops', url: receiver.url, secret: 'k1', min_severity: 'info' }] },
    });
    const writer = createBatchWriter({ store, log: silentLogger });
    const shim = createShim({ config: () => config, writer, exec: execCommand, log: silentLogger, now, host: 'head1' });
    const deps: Deps = {
      config: () => config,
      store,
      notifier: createNotifier({ config: () => config, fetch, now }),
      now,
      log: silentLogger,
      fetch,
    };
    const app = createApp(deps);
    const evaluate = async () =>
      (await app.request('/evaluate', { method: 'POST' })).json() as Promise<Record<string, number>>;

    // 4 MiB every 10 minutes: 24 MiB/h on a 64 MiB filesystem.
    for (let i = 0; i < 6; i++) {
      fs.grow(`f${i}`, 4);
      const r = await shim.runOnce('disk');
      expect(r.error).toBeUndefined();
      expect(r.points).toHaveLength(1);
      await writer.flush();
      clock += 10 * MIN;
    }
    clock -= 10 * MIN;
    const first = await evaluate();
    expect(first).toMatchObject({ ok: true, series: 1, trend_points: 1, notified: 1 });

    const hit = await receiver.waitFor((r) => (r.json as AlertEvent).rule === 'disk_full_within');
    const event = hit.json as AlertEvent;
    expect(
      await verifySignature(hit.headers['x-nomad-signature'] as string, hit.body, ['k1'], { nowMs: clock }),
    ).toEqual({ ok: true });
    expect(event).toMatchObject({
      state: 'firing',
      severity: 'critical',
      series: { measurement: 'disk', tags: { path: fs.path, host: 'head1' } },
    });
    const rate = event.details.rate_bytes_per_hour!;
    expect(rate / (24 * 1024 * 1024)).toBeGreaterThan(0.95);
    expect(rate / (24 * 1024 * 1024)).toBeLessThan(1.05);
    // 40 MiB left at 24 MiB/h: about 1.67 h.
    expect(event.value).toBeGreaterThan(1.5);
    expect(event.value).toBeLessThan(1.85);
    expect(event.details.hours_to_full_linear).toBeCloseTo(event.value, 1);

    // The derived series were written back where Grafana reads them.
    const trend = await store.rows('SELECT * FROM nomad_disk_trend');
    expect(trend[0]).toMatchObject({ path: fs.path, samples: 6 });
    expect(trend[0]!.rate_bytes_per_hour as number).toBeCloseTo(rate, 0);

    // Still firing: no second notice.
    clock += MIN;
    expect(await evaluate()).toMatchObject({ notified: 0 });

    // Grow to 56 of 64 MiB (87.5%): the threshold rule fires as a warning.
    fs.grow('big', 32);
    clock += 10 * MIN;
    await shim.runOnce('disk');
    await writer.flush();
    expect(await evaluate()).toMatchObject({ notified: 1 });
    const threshold = (await receiver.waitFor((r) => (r.json as AlertEvent).rule === 'disk_used_percent'))
      .json as AlertEvent;
    expect(threshold).toMatchObject({ severity: 'warning', limit: 85 });
    expect(threshold.value).toBeGreaterThan(85);

    // Free it all: both alerts resolve, each once.
    for (const f of ['big', 'f0', 'f1', 'f2', 'f3', 'f4', 'f5']) fs.shrink(f);
    clock += 7 * 3_600_000; // past the window, so only the empty samples remain
    for (let i = 0; i < 3; i++) {
      await shim.runOnce('disk');
      await writer.flush();
      clock += 10 * MIN;
    }
    expect(await evaluate()).toMatchObject({ resolved: 2 });
    clock += MIN;
    expect(await evaluate()).toMatchObject({ resolved: 0, notified: 0 });
    const states = receiver.received.map((r) => `${(r.json as AlertEvent).rule}:${(r.json as AlertEvent).state}`);
    expect(states.sort()).toEqual([
      'disk_full_within:firing',
      'disk_full_within:resolved',
      'disk_used_percent:firing',
      'disk_used_percent:resolved',
    ]);

    // Each run wrote a heartbeat.
    const beats = await store.rows(
      `SELECT count(duration_ms) AS n FROM nomad_function_run WHERE "function" = 'alerts'`,
    );
    expect(beats[0]?.n).toBe(5);
  });

  it('sends nothing twice when the receiver is down: the alert waits for a later run', async () => {
    const store2 = await freshDatabase('e2e_down');
    const down = await startReceiver();
    const config = parseConfig({
      alerts: { disk_used_percent: { warning: 1, critical: 99 } },
      collectors: { disk: { include_paths: [fs.path] } },
      notify: { webhooks: [{ name: 'ops', url: down.url, attempts: 2, timeout: '1s' }] },
    });
    const writer = createBatchWriter({ store: store2, log: silentLogger });
    const shim = createShim({ config: () => config, writer, exec: execCommand, log: silentLogger, now, host: 'head2' });
    const deps: Deps = {
      config: () => config,
      store: store2,
      notifier: createNotifier({ config: () => config, fetch, now }),
      now,
      log: silentLogger,
      fetch,
    };
    const app = createApp(deps);
    fs.grow('x', 8);
    await shim.runOnce('disk');
    await writer.flush();
    down.failWith(503);
    const r1 = (await (await app.request('/evaluate', { method: 'POST' })).json()) as Record<string, number>;
    expect(r1).toMatchObject({ notified: 0, notify_failed: 1 });
    down.failWith(undefined);
    clock += MIN;
    const r2 = (await (await app.request('/evaluate', { method: 'POST' })).json()) as Record<string, number>;
    expect(r2).toMatchObject({ notified: 1 });
    clock += MIN;
    await app.request('/evaluate', { method: 'POST' });
    expect(down.received).toHaveLength(1);
    fs.shrink('x');
    await down.close();
  });
});
