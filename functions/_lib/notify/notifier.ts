// Routes an alert to every configured channel whose minimum severity it meets.
import type { Config } from '../config.ts';
import { sendWebhook } from './webhook.ts';
import { type AlertEvent, type Notifier, severityRank } from './types.ts';

export function createNotifier(deps: { config: () => Config; fetch: typeof fetch; now: () => number }): Notifier {
  return {
    async send(event: AlertEvent) {
      const hooks = deps
        .config()
        .notify.webhooks.filter(
          (w) => event.state === 'resolved' || severityRank[event.severity] >= severityRank[w.min_severity],
        );
      return Promise.all(
        hooks.map((w) =>
          sendWebhook(
            {
              name: w.name,
              url: w.url,
              secret: w.secret,
              timeoutMs: w.timeout,
              retry: { attempts: w.attempts, baseDelayMs: 500, maxDelayMs: 30_000 },
            },
            event,
            deps,
          ),
        ),
      );
    },
  };
}
