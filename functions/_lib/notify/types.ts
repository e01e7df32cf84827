import type { Severity } from '../config.ts';

/** What a rule hands to the notification layer. */
export interface AlertEvent {
  id: string;
  rule: string;
  severity: Severity;
  state: 'firing' | 'resolved';
  cluster: string;
  series: { measurement: string; tags: Record<string, string> };
  value: number;
  limit: number;
  message: string;
  /** Extra numbers the rule computed (rate, acceleration, hours to full). */
  details: Record<string, number | null>;
  at: string;
}

export interface DeliveryResult {
  channel: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

export interface Notifier {
  send(event: AlertEvent): Promise<DeliveryResult[]>;
}

export const severityRank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
