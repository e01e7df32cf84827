// Notification goal: 1,000 alerts firing at once reach a webhook receiver within 30 s, none lost, none doubled.
// The alerts go through the lifecycle (decide → state + notice in the outbox) into a real influxd; runDeliver then
// runs on the local runner's delivery schedule (every 2 s) until the outbox is drained.
import { decide } from '../functions/_lib/alert-lifecycle.ts';
import { alertId, alertStatePoint, loadAlertStates } from '../functions/_lib/alert-state.ts';
import { parseConfig } from '../functions/_lib/config.ts';
import { type Deps, silentLogger } from '../functions/_lib/deps.ts';
import { createInfluxClient } from '../functions/_lib/influx.ts';
import type { Point } from '../functions/_lib/line-protocol.ts';
import type { AlertEvent } from '../functions/_lib/notify/types.ts';
import { noticePoint } from '../functions/_lib/outbox.ts';
import { runDeliver } from '../functions/notify/run.ts';
import { startReceiver } from '../test/helpers/receiver.ts';
import { type BenchResult, withInfluxd } from './lib.ts';

const ALERTS = 1000;
const SCHEDULE_MS = 2000;

export async function benchNotify(): Promise<BenchResult> {
  return withInfluxd(async (d) => {
    const receiver = await startReceiver();
    const store = createInfluxClient({ url: d.url, database: 'bench_notify' });
    await store.query('CREATE DATABASE bench_notify', { method: 'POST' });
    // per_minute above the burst: the goal is about the pipeline, a rate limit would make it wait by design.
    const config = parseConfig({
      general: { cluster: 'bench' },
      notify: { webhooks: [{ name: 'r', url: receiver.url, min_severity: 'info', per_minute: 10_000 }] },
    });
    const deps: Deps = { config: () => config, store, now: Date.now, log: silentLogger, fetch };
    try {
      const start = Date.now();
      const rule = 'bench_notify';
      const series = Array.from({ length: ALERTS }, (_, i) => ({ node: `n${String(i).padStart(4, '0')}` }));
      const prev = await loadAlertStates(store, { nowMs: start, rules: [rule] });
      const points: Point[] = [];
      for (const tags of series) {
        const id = alertId(rule, tags);
        const dcs = decide(
          prev.get(id),
          { state: 'firing', severity: 'critical', value: 1, limit: 0, message: `${tags.node} down` },
          { id, rule, tags, series: 'slurm_nodes' },
          start,
          3_600_000,
        );
        if (!dcs.next || !dcs.notice) throw new Error('a first firing must notify');
        points.push(alertStatePoint(dcs.next, 'bench', start));
        const e: AlertEvent = {
          id,
          notice_id: `${id}-${start}-${dcs.notice}`,
          kind: dcs.notice,
          source: 'nomad',
          rule,
          severity: 'critical',
          state: 'firing',
          cluster: 'bench',
          series: { measurement: 'slurm_nodes', tags },
          value: 1,
          limit: 0,
          message: dcs.next.message,
          details: {},
          at: new Date(start).toISOString(),
        };
        points.push(noticePoint(e));
      }
      await store.write(points);
      let runs = 0;
      for (;;) {
        runs++;
        const s = await runDeliver(deps, { now: Date.now() });
        if (s.waiting === 0 && receiver.received.length >= ALERTS) break;
        if (Date.now() - start > 120_000) break;
        await new Promise((r) => setTimeout(r, SCHEDULE_MS));
      }
      const last = Math.max(...receiver.received.map((r) => r.at));
      const seconds = (last - start) / 1000;
      const after = await runDeliver(deps, { now: Date.now() });
      const ids = new Set(receiver.received.map((r) => (r.json as AlertEvent).notice_id));
      const lost = ALERTS - ids.size;
      const doubled = receiver.received.length + after.sent - ids.size;
      return {
        name: `${ALERTS} alerts firing at once → webhook receiver (lifecycle + outbox + delivery)`,
        value: Number(seconds.toFixed(2)),
        unit: 's',
        goal: '<= 30, none lost, none doubled',
        met: seconds <= 30 && lost === 0 && doubled === 0,
        notes: `${runs} delivery run(s), lost ${lost}, doubled ${doubled}`,
      };
    } finally {
      await receiver.close();
    }
  });
}
