// Acknowledging an alert: recorded in nomad_alert (so every instance sees it) and announced as a notice.
import { alertStatePoint, loadAlertStates } from '../_lib/alert-state.ts';
import type { Deps } from '../_lib/deps.ts';
import { NomadError } from '../_lib/errors.ts';
import { noticePoint } from '../_lib/outbox.ts';
import { toNotice } from './notice.ts';

export async function runAck(deps: Deps, id: string, by: string, now: number) {
  const cfg = deps.config();
  const states = await loadAlertStates(deps.store, { nowMs: now, ids: [id] });
  const st = states.get(id);
  if (!st) throw new NomadError('not_found', `no alert ${id}`, { field: 'id' });
  if (st.state === 'resolved') throw new NomadError('conflict', `alert ${id} is already resolved`, { field: 'id' });
  if (st.state === 'acknowledged') return { id, state: st.state, by: st.ackBy ?? by, changed: false };
  const next = { ...st, state: 'acknowledged' as const, ackBy: by };
  await deps.store.write([
    alertStatePoint(next, cfg.general.cluster, now),
    noticePoint(toNotice(next, 'acknowledged', cfg.general.cluster, now, { state: 'unknown' }, undefined)),
  ]);
  return { id, state: next.state, by, changed: true };
}
