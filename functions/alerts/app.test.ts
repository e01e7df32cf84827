// The alerts function through its HTTP doors, on a real InfluxDB: rule kinds, bad input, and acknowledgement.
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers/influx.ts';
import { parseConfig } from '../_lib/config.ts';
import { defaultRules } from '../_lib/default-rules.ts';
import { type Deps, silentLogger } from '../_lib/deps.ts';
import type { InfluxClient } from '../_lib/influx.ts';
import { type Point, int } from '../_lib/line-protocol.ts';
import type { AlertEvent } from '../_lib/notify/types.ts';
import { pendingNotices } from '../_lib/outbox.ts';
import { createApp } from './app.ts';

const T0 = Date.UTC(2026, 10, 1);
const MIN = 60_000;

async function setup(rules: unknown[], extra: Record<string, unknown> = {}) {
  const store = await freshDatabase('alerts_app');
  let clock = T0;
  const config = parseConfig({
    alerts: { rules, public_url: 'http://nomad.example:8787', ack_secret: 's', ...extra },
    api: { tokens: ['tok'] },
  });
  const deps: Deps = { config: () => config, store, now: () => clock, log: silentLogger, fetch };
  const app = createApp(deps);
  return {
    store,
    app,
    at: (t: number) => void (clock = t),
    evaluate: async () =>
      (await app.request('/evaluate', { method: 'POST' })).json() as Promise<Record<string, number>>,
    notices: async (s: InfluxClient) => (await pendingNotices(s, clock, 86_400_000 * 30)).map((n) => n.notice),
  };
}
const pt = (m: string, tags: Record<string, string>, fields: Point['fields'], t: number): Point => ({
  measurement: m,
  tags,
  fields,
  time: t,
});

describe('alert rules', () => {
  it('threshold with `for`: one spike does not fire, a sustained breach does', async () => {
    const s = await setup([
      {
        id: 'hot',
        kind: 'threshold',
        measurement: 'temp',
        field: 'c',
        group_by: ['host'],
        levels: { warning: 80, critical: 90 },
        for: '5m',
        message: '{{host}} at {{value}}',
      },
    ]);
    await s.store.write(
      [0, 1, 2, 3, 4, 5, 6].map((i) => pt('temp', { host: 'a' }, { c: i === 3 ? 99 : 50 }, T0 + i * MIN)),
    );
    s.at(T0 + 6 * MIN);
    expect(await s.evaluate()).toMatchObject({ firing: 0, notices: 0 });
    await s.store.write([7, 8, 9, 10, 11, 12].map((i) => pt('temp', { host: 'a' }, { c: 95 }, T0 + i * MIN)));
    s.at(T0 + 10 * MIN);
    expect(await s.evaluate()).toMatchObject({ firing: 0 }); // breached for 3 min only
    s.at(T0 + 12 * MIN);
    expect(await s.evaluate()).toMatchObject({ firing: 1, notices: 1 });
    const [n] = await s.notices(s.store);
    expect(n).toMatchObject({
      rule: 'hot',
      severity: 'critical',
      kind: 'firing',
      message: 'a at 95',
      value: 95,
      limit: 90,
    });
    expect(n!.ack_url).toMatch(/^http:\/\/nomad\.example:8787\/alerts\/ack\?id=[0-9a-f]{8}&exp=\d+&sig=[0-9a-f]{64}$/);
  });

  it('derivative on a trend class, sustained; absence of a heartbeat; points from the future ignored', async () => {
    const s = await setup([
      {
        id: 'backlog',
        kind: 'derivative',
        measurement: 'q',
        field: 'pending',
        metric: 'trend',
        trend_in: ['growing_accelerating'],
        for: '30m',
        window: '3h',
        resolution: '1m',
      },
      { id: 'stale', kind: 'absent', measurement: 'beat', field: 'ms', group_by: ['fn'], for: '10m' },
    ]);
    const pts = Array.from({ length: 180 }, (_, i) => pt('q', {}, { pending: 100 + (i * i) / 10 }, T0 + i * MIN));
    pts.push(pt('q', {}, { pending: 0 }, T0 + 400 * MIN)); // clock skew: a point from the future
    pts.push(
      pt('beat', { fn: 'a' }, { ms: int(5) }, T0 + 100 * MIN),
      pt('beat', { fn: 'b' }, { ms: int(5) }, T0 + 178 * MIN),
    );
    await s.store.write(pts);
    s.at(T0 + 179 * MIN);
    expect(await s.evaluate()).toMatchObject({ firing: 2, notices: 2, rule_errors: 0 });
    const notices = await s.notices(s.store);
    expect(notices.map((n) => `${n.rule}:${JSON.stringify(n.series.tags)}`).sort()).toEqual([
      'backlog:{}',
      'stale:{"fn":"a"}',
    ]);
    const trend = await s.store.rows(`SELECT * FROM nomad_trend`);
    expect(trend[0]).toMatchObject({ rule: 'backlog', trend: 'growing_accelerating', firing: true });
  });

  it('a rule on a missing field or a broken filter never stops the others, and NaN never fires', async () => {
    const s = await setup([
      { id: 'nofield', kind: 'threshold', measurement: 'm', field: 'nope', levels: { warning: 1 } },
      {
        id: 'badregex',
        kind: 'threshold',
        measurement: 'm',
        field: 'v',
        where: { host: '/[/' },
        levels: { warning: 1 },
      },
      { id: 'good', kind: 'threshold', measurement: 'm', field: 'v', levels: { warning: 1 } },
      {
        id: 'flat',
        kind: 'derivative',
        measurement: 'm',
        field: 'v',
        metric: 'hours_to_limit',
        limit: 10,
        levels: { warning: 100 },
        resolution: '1m',
      },
    ]);
    await s.store.write([0, 1, 2, 3].map((i) => pt('m', {}, { v: 5, w: Number.NaN }, T0 + i * MIN)));
    s.at(T0 + 3 * MIN);
    expect(await s.evaluate()).toMatchObject({ rules: 4, rule_errors: 1, firing: 1 });
  });
});

describe('ratio rules', () => {
  it('fires the default job-failure-rate rule when the failing share of finished jobs keeps rising', async () => {
    const rule = defaultRules.find((r) => r.id === 'job_failure_rate_rising')!;
    const s = await setup([rule]);
    // 12 hours of 20 finished jobs an hour; failures rise from 1 to 12 an hour; cancelled and running jobs don't count.
    const pts: Point[] = [];
    for (let h = 0; h < 12; h++)
      for (let j = 0; j < 24; j++) {
        const state = j < 1 + h ? 'failed' : j < 20 ? 'completed' : j < 22 ? 'cancelled' : 'running';
        const id = h * 100 + j;
        pts.push(
          pt(
            'slurm_job',
            { cluster: 'c1', state, slot: String(j % 16) },
            { job_id_raw: int(id) },
            T0 + h * 3_600_000 + j * 60_000,
          ),
        );
      }
    await s.store.write(pts);
    s.at(T0 + 12 * 3_600_000);
    const r = await s.evaluate();
    expect(r).toMatchObject({ firing: 1, notices: 1, rule_errors: 0 });
    const [n] = await s.notices(s.store);
    // One more failure in twenty each hour: about +0.05 of the finished jobs per hour.
    expect(n!.value as number).toBeGreaterThan(0.03);
    expect(n!.value as number).toBeLessThan(0.07);
    expect(n!.message).toMatch(/rising: 0\.6\d* of finished jobs now, \+0\.0\d per hour/);
  });

  it('stays quiet on a steady failure share', async () => {
    const rule = defaultRules.find((r) => r.id === 'job_failure_rate_rising')!;
    const s = await setup([rule]);
    const pts: Point[] = [];
    for (let h = 0; h < 12; h++)
      for (let j = 0; j < 20; j++)
        pts.push(
          pt(
            'slurm_job',
            { cluster: 'c1', state: j < 3 ? 'failed' : 'completed', slot: String(j % 16) },
            { job_id_raw: int(h * 100 + j) },
            T0 + h * 3_600_000 + j * 60_000,
          ),
        );
    await s.store.write(pts);
    s.at(T0 + 12 * 3_600_000);
    expect(await s.evaluate()).toMatchObject({ firing: 0, rule_errors: 0 });
  });
});

describe('acknowledgement', () => {
  it('by API with a bearer token, and by the signed link; both stop reminders until resolution', async () => {
    const s = await setup(
      [{ id: 'hot', kind: 'threshold', measurement: 'temp', field: 'c', levels: { warning: 80 } }],
      { cooldown: '1h' },
    );
    await s.store.write([pt('temp', {}, { c: 95 }, T0)]);
    s.at(T0 + MIN);
    await s.evaluate();
    const [firing] = await s.notices(s.store);
    const id = firing!.id;
    s.at(T0 + 2 * MIN);
    expect((await s.app.request(`/${id}/ack`, { method: 'POST' })).status).toBe(401);
    expect(
      (await s.app.request(`/${id}/ack`, { method: 'POST', headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    const bad = await s.app.request(`/zzz/ack`, { method: 'POST', headers: { authorization: 'Bearer tok' } });
    expect(await bad.json()).toMatchObject({ code: 'bad_request', field: 'id' });
    const ok = await s.app.request(`/${id}/ack`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: '{"by":"alice"}',
    });
    expect(await ok.json()).toEqual({ id, state: 'acknowledged', by: 'alice', changed: true });
    // Hours later, still firing: no reminder while acknowledged.
    await s.store.write([pt('temp', {}, { c: 95 }, T0 + 180 * MIN)]);
    s.at(T0 + 181 * MIN);
    expect(await s.evaluate()).toMatchObject({ firing: 1, notices: 0 });
    const list = (await (await s.app.request('/list?window=7d')).json()) as {
      alerts: Array<{ state: string; ackBy: string }>;
    };
    expect(list.alerts[0]).toMatchObject({ state: 'acknowledged', ackBy: 'alice' });
    // The link: a tampered signature is refused, the real one works (and is idempotent).
    const link = new URL(firing!.ack_url!);
    const tampered = `/ack?id=${id}&exp=${link.searchParams.get('exp')}&sig=${'0'.repeat(64)}`;
    expect((await s.app.request(tampered)).status).toBe(401);
    const viaLink = await s.app.request(`${link.pathname.replace('/alerts', '')}${link.search}`);
    expect(await viaLink.json()).toMatchObject({ id, state: 'acknowledged', changed: false });
    const kinds = (await s.notices(s.store)).map((n: AlertEvent) => n.kind);
    expect(kinds).toEqual(['firing', 'acknowledged']);
  });
});
