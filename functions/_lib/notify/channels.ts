// Every configured channel (webhooks, email, Slack), built from config for one delivery run, each with its routing.
import type { Config } from '../config.ts';
import { type Mailer, emailChannel } from './email.ts';
import { retryPolicy, routeFilter } from './routing.ts';
import { slackChannel } from './slack.ts';
import type { Channel } from './types.ts';
import { webhookChannel } from './webhook.ts';

export interface ChannelDeps {
  fetch: typeof fetch;
  now: () => number;
  /** SMTP transport; without it email targets fail (and their notices wait) with a logged reason. */
  mailer?: Mailer;
}

export function buildChannels(config: Config, deps: ChannelDeps): Channel[] {
  const n = config.notify;
  const webhooks = n.webhooks.map((w) => ({
    ...webhookChannel(
      {
        name: w.name,
        url: w.url,
        secret: w.secret,
        timeoutMs: w.timeout,
        retry: retryPolicy(w),
        minSeverity: w.min_severity,
        perMinute: w.per_minute,
      },
      deps,
    ),
    // Same routing as every other target (severity, tags, kinds), instead of the webhook's severity-only gate.
    accepts: routeFilter(w),
  }));
  return [...webhooks, ...n.email.map((t) => emailChannel(t, deps)), ...n.slack.map((t) => slackChannel(t, deps))];
}
