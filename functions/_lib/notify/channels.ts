// Every configured channel, built from config for one delivery run.
import type { Config } from '../config.ts';
import type { Channel } from './types.ts';
import { webhookChannel } from './webhook.ts';

export function buildChannels(config: Config, deps: { fetch: typeof fetch; now: () => number }): Channel[] {
  return config.notify.webhooks.map((w) =>
    webhookChannel(
      {
        name: w.name,
        url: w.url,
        secret: w.secret,
        timeoutMs: w.timeout,
        retry: { attempts: w.attempts, baseDelayMs: 500, maxDelayMs: 10_000 },
        minSeverity: w.min_severity,
        perMinute: w.per_minute,
      },
      deps,
    ),
  );
}
