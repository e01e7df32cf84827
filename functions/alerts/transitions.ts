// Decides which alerts to notify: a new firing, an escalation, or a resolution. Steady states stay quiet.
import { type AlertState, alertStatePoint } from '../_lib/alert-state.ts';
import type { Deps } from '../_lib/deps.ts';
import type { Point } from '../_lib/line-protocol.ts';
import { type AlertEvent, severityRank } from '../_lib/notify/types.ts';

export interface Outcome {
  notified: number;
  resolved: number;
  failed: number;
}

export function needsNotice(prev: AlertState | undefined, next: AlertEvent): boolean {
  if (next.state === 'resolved') return prev?.state === 'firing';
  if (!prev || prev.state !== 'firing') return true;
  return severityRank[next.severity] > severityRank[prev.severity];
}

/**
 * Sends each notice, and records the new state only once delivery succeeded, so a target that is down
 * gets the alert on a later run (and once, since the state then says it was sent).
 */
export async function deliver(
  deps: Deps,
  events: AlertEvent[],
  prev: Map<string, AlertState>,
  nowMs: number,
): Promise<Outcome> {
  const out: Outcome = { notified: 0, resolved: 0, failed: 0 };
  const statePoints: Point[] = [];
  for (const e of events) {
    if (!needsNotice(prev.get(e.id), e)) continue;
    const results = await deps.notifier.send(e);
    const failed = results.filter((r) => !r.ok);
    if (failed.length) {
      out.failed++;
      deps.log.warn(
        { category: 'notify', alert: e.id, rule: e.rule, errors: failed.map((f) => f.error) },
        'notification failed; will retry next run',
      );
      continue;
    }
    if (e.state === 'resolved') out.resolved++;
    else out.notified++;
    statePoints.push(alertStatePoint(e, nowMs));
  }
  if (statePoints.length) await deps.store.write(statePoints);
  return out;
}
