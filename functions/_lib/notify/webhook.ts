// Generic webhook channel: the notice as JSON, signed (HMAC-SHA256), retried with backoff on network errors,
// 5xx, 408 and 429. Receivers verify with the current or the next secret (see signature.ts).
import type { Severity } from '../config.ts';
import { NomadError } from '../errors.ts';
import { type RetryPolicy, withRetry } from '../retry.ts';
import { SIGNATURE_HEADER, signBody } from './signature.ts';
import { type AlertEvent, type Channel, severityRank } from './types.ts';

export interface WebhookTarget {
  name: string;
  url: string;
  secret: string;
  timeoutMs: number;
  retry: RetryPolicy;
  minSeverity: Severity;
  perMinute: number;
}

export function webhookChannel(target: WebhookTarget, deps: { fetch: typeof fetch; now: () => number }): Channel {
  return {
    name: `webhook:${target.name}`,
    perMinute: target.perMinute,
    accepts: (e) =>
      e.kind === 'resolved' ||
      e.kind === 'acknowledged' ||
      severityRank[e.severity] >= severityRank[target.minSeverity],
    async send(event: AlertEvent) {
      const body = JSON.stringify(event);
      await withRetry(async () => {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'nomad-notify' };
        if (target.secret) headers[SIGNATURE_HEADER] = await signBody(target.secret, body, deps.now());
        let res: Response;
        try {
          res = await deps.fetch(target.url, {
            method: 'POST',
            body,
            headers,
            signal: AbortSignal.timeout(target.timeoutMs),
          });
        } catch (err) {
          throw new NomadError('notify_failed', `webhook ${target.name}: ${(err as Error).message}`, {
            retryable: true,
          });
        }
        await res.body?.cancel();
        if (!res.ok) {
          const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
          throw new NomadError('notify_failed', `webhook ${target.name}: HTTP ${res.status}`, { retryable });
        }
      }, target.retry);
    },
  };
}
