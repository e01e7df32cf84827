// One delivery run: every notice in the outbox to every channel that routes it and has not taken it yet,
// oldest first, within each channel's per-minute budget. A channel that fails is left for the next run.
import type { Deps } from '../_lib/deps.ts';
import { toNomadError } from '../_lib/errors.ts';
import { DELIVERY_MEASUREMENT, type Delivery, deliveryPoint, pendingNotices } from '../_lib/outbox.ts';
import { buildChannels } from '../_lib/notify/channels.ts';

export async function runDeliver(deps: Deps, { now }: { now: number }) {
  const cfg = deps.config();
  const channels = buildChannels(cfg, deps);
  const pending = await pendingNotices(deps.store, now, cfg.notify.retention);
  const recent = await deps.store.rows(
    `SELECT count("notice_id") AS n FROM "${DELIVERY_MEASUREMENT}" WHERE time > ${now - 60_000}ms AND "ok" = true GROUP BY "channel"`,
  );
  const budget = new Map(
    channels.map((c) => [c.name, c.perMinute - Number(recent.find((r) => r.channel === c.name)?.n ?? 0)]),
  );
  const failed = new Set<string>();
  const records: Delivery[] = [];
  let waiting = 0;
  for (const { notice, delivered } of pending) {
    for (const ch of channels) {
      if (delivered.has(ch.name) || !ch.accepts(notice)) continue;
      if (failed.has(ch.name) || (budget.get(ch.name) ?? 0) <= 0) {
        waiting++;
        continue;
      }
      try {
        await ch.send(notice);
        records.push({ notice, channel: ch.name, ok: true, attempts: 1 });
        budget.set(ch.name, (budget.get(ch.name) ?? 0) - 1);
      } catch (err) {
        const e = toNomadError(err);
        failed.add(ch.name);
        waiting++;
        records.push({ notice, channel: ch.name, ok: false, attempts: 1, error: e.message });
        deps.log.warn(
          { category: 'notify', channel: ch.name, notice: notice.notice_id, err: e.message },
          'delivery failed; the notice waits',
        );
      }
    }
  }
  // Recorded as each run ends: a crash between a send and this write means that notice goes again (at least once).
  if (records.length) await deps.store.write(records.map((r, i) => deliveryPoint(r, now + i)));
  return {
    notices: pending.length,
    sent: records.filter((r) => r.ok).length,
    failed: records.filter((r) => !r.ok).length,
    waiting,
    channels: channels.length,
  };
}
