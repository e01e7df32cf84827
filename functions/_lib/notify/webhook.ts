// Generic webhook channel: a JSON POST, signed, retried with backoff on network errors, 5xx and 429.
import { NomadError } from '../errors.ts';
import { type RetryPolicy, withRetry } from '../retry.ts';
import { SIGNATURE_HEADER, signBody } from './signature.ts';
import type { AlertEvent, DeliveryResult } from './types.ts';

export interface WebhookTarget {
  name: string;
  url: string;
  secret: string;
  timeoutMs: number;
  retry: RetryPolicy;
}

export async function sendWebhook(
  target: WebhookTarget,
  event: AlertEvent,
  deps: { fetch: typeof fetch; now: () => number },
): Promise<DeliveryResult> {
  const body = JSON.stringify(event);
  let attempts = 0;
  try {
    await withRetry(async () => {
      attempts++;
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
        throw new NomadError('notify_failed', `webhook ${target.name}: ${(err as Error).message}`, { retryable: true });
      }
      await res.body?.cancel();
      if (!res.ok) {
        const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
        throw new NomadError('notify_failed', `webhook ${target.name}: HTTP ${res.status}`, { retryable });
      }
    }, target.retry);
    return { channel: `webhook:${target.name}`, ok: true, attempts };
  } catch (err) {
    return { channel: `webhook:${target.name}`, ok: false, attempts, error: (err as Error).message };
  }
}
