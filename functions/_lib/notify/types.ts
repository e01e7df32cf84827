import type { Severity } from '../config.ts';

/** Why a notice goes out: a new alert, a worse severity, a reminder after the cooldown, an ack, or the end. */
export type NoticeKind = 'firing' | 'escalated' | 'reminder' | 'acknowledged' | 'resolved';

/** One notice about one alert: what every channel receives (the webhook body is exactly this JSON). */
export interface AlertEvent {
  /** The alert: a stable hash of rule and series. */
  id: string;
  /** This notice, unique: receivers may dedupe on it (delivery is at least once across crashes). */
  notice_id: string;
  kind: NoticeKind;
  source: 'nomad' | 'grafana';
  rule: string;
  severity: Severity;
  state: 'firing' | 'acknowledged' | 'resolved';
  cluster: string;
  series: { measurement: string; tags: Record<string, string> };
  value: number | null;
  limit: number | null;
  message: string;
  /** What the rule computed (rate, acceleration, hours to limit, trend class…). */
  details: Record<string, number | string | null>;
  /** When the notice was made, ISO 8601. */
  at: string;
  /** When the alert started firing, ISO 8601. */
  since?: string;
  /** A signed link that acknowledges the alert, when alerts.public_url is set. */
  ack_url?: string;
}

/** A notification target. `send` throws a NomadError (retryable or not) when delivery failed. */
export interface Channel {
  /** `webhook:ops`, `email:oncall`, `slack:hpc`: unique, stable (delivery records are keyed by it). */
  name: string;
  /** Routing: does this notice go to this channel (severity, tags, kinds)? */
  accepts(event: AlertEvent): boolean;
  /** At most this many notices per minute; the rest wait in the outbox for the next run. */
  perMinute: number;
  send(event: AlertEvent): Promise<void>;
}

export const severityRank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
