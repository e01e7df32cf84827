// The alert lifecycle: firing → acknowledged → resolved, one alert per rule and series, with a cooldown.
// Shared by NOMAD's own rules and by alerts that arrive from Grafana.
import type { AlertState } from './alert-state.ts';
import type { Severity } from './config.ts';
import { type NoticeKind, severityRank } from './notify/types.ts';

/** What a rule (or Grafana) says about one series now. */
export type Observation =
  | { state: 'firing'; severity: Severity; value: number | null; limit: number | null; message: string }
  | { state: 'ok'; message: string }
  | { state: 'unknown' };

export interface Decision {
  /** The state to record, when it changed or a notice went out. */
  next?: AlertState;
  notice?: NoticeKind;
}

/**
 * Decides the next state and whether to notify. `cooldownMs` is both the reminder interval for an alert left
 * firing and unacknowledged, and the quiet time after a notice: an alert that resolves and fires again within
 * it (flapping) is recorded but notified only as the next reminder.
 */
export function decide(
  prev: AlertState | undefined,
  obs: Observation,
  base: Omit<AlertState, 'state' | 'severity' | 'value' | 'limit' | 'message' | 'lastNotice' | 'since'>,
  now: number,
  cooldownMs: number,
): Decision {
  const active = prev && prev.state !== 'resolved';
  if (obs.state === 'unknown') return {};
  // A firing held back by the cooldown (lastNotice before since) was never announced: its end is quiet too.
  const announced = prev !== undefined && prev.lastNotice >= prev.since;
  if (obs.state === 'ok') {
    if (!active) return {};
    if (!announced) return { next: { ...prev, state: 'resolved', message: obs.message } };
    return { next: { ...prev, state: 'resolved', message: obs.message, lastNotice: now }, notice: 'resolved' };
  }
  const fields = { ...base, severity: obs.severity, value: obs.value, limit: obs.limit, message: obs.message };
  if (!active) {
    const quiet = prev !== undefined && now - prev.lastNotice < cooldownMs;
    const next: AlertState = { ...fields, state: 'firing', since: now, lastNotice: quiet ? prev.lastNotice : now };
    return quiet ? { next } : { next, notice: 'firing' };
  }
  if (severityRank[obs.severity] > severityRank[prev.severity])
    return { next: { ...fields, state: 'firing', since: prev.since, lastNotice: now }, notice: 'escalated' };
  const keep = { ...fields, state: prev.state, since: prev.since, lastNotice: prev.lastNotice, ackBy: prev.ackBy };
  if (prev.state === 'firing' && now - prev.lastNotice >= cooldownMs)
    return { next: { ...keep, lastNotice: now }, notice: announced ? 'reminder' : 'firing' };
  // A lower severity is recorded quietly, so that a later rise notifies again.
  return obs.severity !== prev.severity ? { next: keep } : {};
}
