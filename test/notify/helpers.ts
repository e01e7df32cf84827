// Shared by the notify tests: deps on a real InfluxDB with a clock the test moves, notices, and the deliver route.
import { expect } from 'vitest';
import { type Config, parseConfig } from '../../functions/_lib/config.ts';
import { type Deps, silentLogger } from '../../functions/_lib/deps.ts';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import type { AlertEvent } from '../../functions/_lib/notify/types.ts';
import { noticePoint } from '../../functions/_lib/outbox.ts';
import { createApp } from '../../functions/notify/app.ts';
import { createMailer } from '../../wrangler-free-local/mailer.ts';

export interface Clock {
  t: number;
}

/** Deps as the local runner builds them (real store, real fetch, nodemailer), with a clock the test controls. */
export function testDeps(store: InfluxClient, raw: Record<string, unknown>, clock: Clock): Deps & { cfg: Config } {
  const cfg = parseConfig(raw);
  return { cfg, config: () => cfg, store, now: () => clock.t, log: silentLogger, fetch, mailer: createMailer() };
}

let seq = 0;
export function notice(clock: Clock, over: Partial<AlertEvent> = {}): AlertEvent {
  const id = over.id ?? `a${(seq++).toString(16).padStart(7, '0')}`;
  const kind = over.kind ?? 'firing';
  return {
    id,
    notice_id: `${id}-${clock.t}-${kind}`,
    kind,
    source: 'nomad',
    rule: 'disk_used_percent',
    severity: 'critical',
    state: kind === 'resolved' ? 'resolved' : 'firing',
    cluster: 'hpc1',
    series: { measurement: 'disk', tags: { host: 'n1', path: '/scratch' } },
    value: 97.25,
    limit: 95,
    message: '/scratch on n1 is 97.25% full',
    details: { since: clock.t - 600_000, hours_to_full: 3.5 },
    at: new Date(clock.t).toISOString(),
    ack_url: `https://nomad.example/alerts/ack?id=${id}&exp=1&sig=abc`,
    ...over,
  };
}

export async function enqueue(store: InfluxClient, ...events: AlertEvent[]): Promise<void> {
  await store.write(events.map(noticePoint));
}

export const deliverSummary = (s: Record<string, unknown>) =>
  s as { notices: number; sent: number; failed: number; waiting: number };

/** One delivery run through the production door (the scheduled route). */
export async function deliver(deps: Deps) {
  const res = await createApp(deps).request('/deliver', { method: 'POST' });
  expect(res.status).toBe(200);
  return deliverSummary((await res.json()) as Record<string, unknown>);
}
