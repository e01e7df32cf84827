// Alerting goals: point-to-webhook latency under the local runner's own schedules (5 s evaluation), and one
// evaluation over 10,000 series.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEvaluate } from '../functions/alerts/run.ts';
import { parseConfig } from '../functions/_lib/config.ts';
import { silentLogger } from '../functions/_lib/deps.ts';
import { createInfluxClient } from '../functions/_lib/influx.ts';
import { type Point, encodePoints } from '../functions/_lib/line-protocol.ts';
import type { AlertEvent } from '../functions/_lib/notify/types.ts';
import { startStack } from '../wrangler-free-local/stack.ts';
import { startReceiver } from '../test/helpers/receiver.ts';
import { type BenchResult, withInfluxd } from './lib.ts';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

export async function benchLatency(): Promise<BenchResult> {
  return withInfluxd(async (d) => {
    const receiver = await startReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'nomad-bench-lat-'));
    const config = join(dir, 'nomad.toml');
    writeFileSync(
      config,
      `[general]\ndata_dir = "${dir}"\nlog_level = "silent"\n[influx]\nurl = "${d.url}"\n[server]\nport = 0\n` +
        `[schedules]\n"alerts.evaluate" = "*/5 * * * * *"\n` +
        `[alerts]\n[[alerts.rules]]\nid = "lat"\nkind = "threshold"\nmeasurement = "bench_lat"\nfield = "v"\ngroup_by = ["k"]\nlevels = { critical = 1 }\nwindow = "10m"\n` +
        `[[notify.webhooks]]\nname = "r"\nurl = "${receiver.url}"\nmin_severity = "info"\nper_minute = 1000\n`,
    );
    const stack = await startStack({ configPath: config, withShim: false });
    const landed = new Map<string, number>();
    const latencies: number[] = [];
    try {
      // 120 points landing at random instants over 60 s, each a new series, so each is a new alert.
      const writes = Array.from({ length: 120 }, (_, i) => ({ k: `s${i}`, at: Math.random() * 60_000 }));
      const start = Date.now();
      await Promise.all(
        writes.map(async (w) => {
          await new Promise((r) => setTimeout(r, w.at));
          await stack.store.write([{ measurement: 'bench_lat', tags: { k: w.k }, fields: { v: 1 }, time: Date.now() }]);
          landed.set(w.k, Date.now());
        }),
      );
      const firing = () => receiver.received.filter((r) => (r.json as AlertEvent).kind === 'firing');
      while (firing().length < writes.length && Date.now() - start < 120_000)
        await new Promise((r) => setTimeout(r, 50));
      for (const r of firing()) {
        const e = r.json as AlertEvent;
        const t = landed.get(e.series.tags.k ?? '');
        if (t) latencies.push(r.at - t);
      }
    } finally {
      await stack.stop();
      await receiver.close();
    }
    const p99 = pct(latencies, 99) / 1000;
    return {
      name: 'point landing in InfluxDB → webhook received (5 s evaluation, delivery chained to it), p99',
      value: Number(p99.toFixed(2)),
      unit: 's',
      goal: '<= 10',
      met: p99 <= 10 && latencies.length === 120,
      notes: `${latencies.length}/120 delivered; p50 ${(pct(latencies, 50) / 1000).toFixed(2)} s, max ${(Math.max(...latencies) / 1000).toFixed(2)} s`,
    };
  });
}

export async function benchEvaluate(): Promise<BenchResult> {
  return withInfluxd(async (d) => {
    const store = createInfluxClient({ url: d.url, database: 'bench_eval' });
    await store.query('CREATE DATABASE bench_eval', { method: 'POST' });
    const now = Date.UTC(2026, 10, 1, 12);
    // 10,000 filesystems, 36 samples each over 6 h (every 10 min).
    for (let h = 0; h < 100; h++) {
      const pts: Point[] = [];
      for (let f = 0; f < 100; f++)
        for (let i = 0; i < 36; i++) {
          const used = 1e12 * (0.3 + 0.001 * (f % 50) * i);
          pts.push({
            measurement: 'disk',
            tags: { host: `n${h}`, path: `/fs${f}` },
            fields: { used, free: 1e12 - used, used_percent: used / 1e10 },
            time: now - (35 - i) * 600_000,
          });
        }
      await store.write(encodePoints(pts));
    }
    const config = parseConfig({ alerts: { rules: [] } });
    const rules = parseConfig({}).alerts.rules.filter(
      (r) => r.id === 'disk_full_within' || r.id === 'disk_used_percent',
    );
    config.alerts.rules = rules;
    const deps = { config: () => config, store, now: () => now, log: silentLogger, fetch };
    await runEvaluate(deps, { now: now - 600_000 }); // warm up, and lay down the alert states
    const t = Date.now();
    const r = await runEvaluate(deps, { now });
    const s = (Date.now() - t) / 1000;
    return {
      name: 'one evaluation over 10,000 series (disk_full_within + disk_used_percent: query, derivatives, rules)',
      value: Number(s.toFixed(2)),
      unit: 's',
      goal: '<= 2',
      met: s <= 2 && r.series === 20_000,
      notes: `${r.series} rule-series, ${r.firing} firing, ${r.notices} notices`,
    };
  });
}
