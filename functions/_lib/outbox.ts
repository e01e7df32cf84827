// The durable outbox, in InfluxDB: the alerts function writes notices; the notify function delivers each one to
// each routed channel and records the delivery. Stateless functions, and a restart forgets nothing.
import type { InfluxClient } from './influx.ts';
import type { Point } from './line-protocol.ts';
import type { AlertEvent } from './notify/types.ts';

export const NOTICE_MEASUREMENT = 'nomad_notification';
export const DELIVERY_MEASUREMENT = 'nomad_delivery';

export function noticePoint(e: AlertEvent): Point {
  return {
    measurement: NOTICE_MEASUREMENT,
    tags: { cluster: e.cluster, rule: e.rule, alert_id: e.id, kind: e.kind, severity: e.severity, source: e.source },
    fields: { notice_id: e.notice_id, message: e.message, payload: JSON.stringify(e) },
    time: Date.parse(e.at),
  };
}

export interface Delivery {
  notice: AlertEvent;
  channel: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

export function deliveryPoint(d: Delivery, nowMs: number): Point {
  return {
    measurement: DELIVERY_MEASUREMENT,
    tags: { cluster: d.notice.cluster, channel: d.channel, alert_id: d.notice.id, kind: d.notice.kind },
    fields: { notice_id: d.notice.notice_id, ok: d.ok, attempts: d.attempts, error: d.error },
    time: nowMs,
  };
}

/** Notices of the last `retentionMs`, oldest first, each with the channels that already took it. */
export async function pendingNotices(
  store: InfluxClient,
  nowMs: number,
  retentionMs: number,
): Promise<Array<{ notice: AlertEvent; delivered: Set<string> }>> {
  const since = `time > ${nowMs - retentionMs}ms`;
  const [notices, delivered] = await Promise.all([
    store.rows(`SELECT "payload" FROM "${NOTICE_MEASUREMENT}" WHERE ${since}`),
    store.rows(`SELECT "notice_id" FROM "${DELIVERY_MEASUREMENT}" WHERE ${since} AND "ok" = true GROUP BY "channel"`),
  ]);
  const done = new Map<string, Set<string>>();
  for (const d of delivered) {
    const id = String(d.notice_id);
    if (!done.has(id)) done.set(id, new Set());
    done.get(id)!.add(String(d.channel));
  }
  return notices
    .map((n) => JSON.parse(String(n.payload)) as AlertEvent)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((notice) => ({ notice, delivered: done.get(notice.notice_id) ?? new Set() }));
}
