// Slack channel: incoming-webhook messages in Block Kit (header, severity and message, fields, acknowledge button).
// Retried with backoff on network errors, 5xx, 408 and 429; other 4xx (a revoked hook, a bad payload) are not.
import type { SlackTargetConfig } from '../config-parts/notify.ts';
import { NomadError } from '../errors.ts';
import { withRetry } from '../retry.ts';
import { detailEntries, formatNumber, kindLabel, sinceText, whereText } from './format.ts';
import { retryPolicy, routeFilter } from './routing.ts';
import type { AlertEvent, Channel } from './types.ts';

/** Slack mrkdwn: &, < and > are control characters. */
const md = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const icon = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' };

export type SlackBlock = Record<string, unknown>;

export function buildSlackMessage(e: AlertEvent): { text: string; blocks: SlackBlock[] } {
  const resolved = e.kind === 'resolved';
  const mark = resolved ? ':white_check_mark:' : e.kind === 'acknowledged' ? ':eyes:' : icon[e.severity];
  const headline = `${kindLabel[e.kind]}: ${e.rule}`;
  const field = (label: string, value: string) => ({ type: 'mrkdwn', text: cut(`*${label}*\n${md(value)}`, 2000) });
  const fields = [
    field('Cluster', e.cluster),
    field('Series', `${e.series.measurement} ${whereText(e)}`),
    field('Value', formatNumber(e.value)),
    field('Limit', formatNumber(e.limit)),
    field('Since', sinceText(e)),
    ...detailEntries(e)
      .slice(0, 5)
      .map(([k, v]) => field(k, v)),
  ];
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: cut(
          `${resolved ? '✅' : e.severity === 'critical' ? '🔴' : e.severity === 'warning' ? '🟠' : '🔵'} ${headline}`,
          150,
        ),
        emoji: true,
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: cut(`${mark} *Severity:* ${e.severity}${resolved ? ' (resolved)' : ''}\n${md(e.message)}`, 3000),
      },
    },
    { type: 'section', fields },
  ];
  if (e.ack_url && !resolved && e.kind !== 'acknowledged')
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'nomad_ack',
          text: { type: 'plain_text', text: 'Acknowledge', emoji: false },
          url: e.ack_url,
          style: 'primary',
        },
      ],
    });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: md(`NOMAD ${e.source} · alert ${e.id} · notice ${e.notice_id} · ${e.at}`) }],
  });
  const fallback = `${resolved ? 'RESOLVED' : `${e.severity.toUpperCase()} ${kindLabel[e.kind]}`}: ${e.rule} on ${e.cluster}: ${e.message}`;
  return { text: cut(md(fallback), 3000), blocks };
}

export function slackChannel(t: SlackTargetConfig, deps: { fetch: typeof fetch }): Channel {
  return {
    name: `slack:${t.name}`,
    perMinute: t.per_minute,
    accepts: routeFilter(t),
    async send(event) {
      const body = JSON.stringify(buildSlackMessage(event));
      await withRetry(async () => {
        let res: Response;
        try {
          res = await deps.fetch(t.url, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json', 'user-agent': 'nomad-notify' },
            signal: AbortSignal.timeout(t.timeout),
          });
        } catch (err) {
          throw new NomadError('notify_failed', `slack ${t.name}: ${(err as Error).message}`, { retryable: true });
        }
        const answer = await res.text().catch(() => '');
        if (!res.ok) {
          const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
          throw new NomadError('notify_failed', `slack ${t.name}: HTTP ${res.status} ${cut(answer, 200)}`, {
            retryable,
          });
        }
      }, retryPolicy(t));
    },
  };
}
