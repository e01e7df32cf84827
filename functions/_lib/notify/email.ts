// Email channel: builds the message here (portable), hands it to an injected Mailer (SMTP lives outside functions/).
import type { EmailTargetConfig } from '../config-parts/notify.ts';
import { NomadError } from '../errors.ts';
import { withRetry } from '../retry.ts';
import { detailEntries, kindLabel, sinceText, titleLine, valueText, whereText } from './format.ts';
import { retryPolicy, routeFilter } from './routing.ts';
import type { AlertEvent, Channel } from './types.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username: string;
  password: string;
  caFile: string;
  tlsInsecure: boolean;
  timeoutMs: number;
}

export interface MailMessage {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** Message-ID and threading headers: every notice of one alert lands in one thread. */
  messageId: string;
  references: string;
  headers: Record<string, string>;
}

/** Sends one message; throws a NomadError (retryable for transient failures) when the server did not take it. */
export interface Mailer {
  send(smtp: SmtpSettings, msg: MailMessage): Promise<void>;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const colors = { critical: '#b00020', warning: '#b26a00', info: '#1a5fb4', resolved: '#2e7d32' };

export function buildMail(t: EmailTargetConfig, e: AlertEvent): MailMessage {
  const rows: Array<[string, string]> = [
    ['What', `${e.rule} (${e.source}): ${e.series.measurement}`],
    ['Where', `cluster ${e.cluster}; ${whereText(e)}`],
    ['How bad', `${e.severity}, value ${valueText(e)}`],
    ['Since', sinceText(e)],
    ['State', `${e.state} (notice: ${e.kind}, ${e.at})`],
    ...detailEntries(e),
    ['Alert id', e.id],
  ];
  const ack = e.ack_url
    ? `Acknowledge: ${e.ack_url}`
    : e.kind === 'resolved'
      ? ''
      : 'Acknowledge: nomad alerts ack ' + e.id;
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const text = [
    `${kindLabel[e.kind]}: ${e.message}`,
    '',
    ...rows.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`),
    '',
    ack,
    '',
    `-- NOMAD notice ${e.notice_id}`,
  ].join('\n');
  const color = e.kind === 'resolved' ? colors.resolved : colors[e.severity];
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2 style="color:${color};margin:0 0 8px">${esc(kindLabel[e.kind])}: ${esc(e.message)}</h2>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    ...rows.map(([k, v]) => `<tr><th align="left" valign="top">${esc(k)}</th><td>${esc(v)}</td></tr>`),
    '</table>',
    e.ack_url
      ? `<p><a href="${esc(e.ack_url)}" style="font-weight:bold">Acknowledge this alert</a></p>`
      : e.kind === 'resolved'
        ? ''
        : `<p>Acknowledge: <code>nomad alerts ack ${esc(e.id)}</code></p>`,
    `<p style="color:#666;font-size:small">NOMAD notice ${esc(e.notice_id)}</p>`,
    '</body></html>',
  ].join('\n');
  const domain = (t.from.match(/@([^>\s]+)/)?.[1] ?? 'nomad.local').replace(/[^A-Za-z0-9.-]/g, '');
  return {
    from: t.from,
    to: t.to,
    cc: t.cc,
    subject: `${t.subject_prefix ? `${t.subject_prefix} ` : ''}${titleLine(e)}`.slice(0, 250),
    text,
    html,
    messageId: `<${e.notice_id.replace(/[^A-Za-z0-9._-]/g, '_')}@${domain}>`,
    references: `<alert-${e.id}@${domain}>`,
    headers: {
      'X-NOMAD-Notice-Id': e.notice_id,
      'X-NOMAD-Alert-Id': e.id,
      'X-NOMAD-Kind': e.kind,
      'X-NOMAD-Severity': e.severity,
    },
  };
}

export function emailChannel(t: EmailTargetConfig, deps: { mailer?: Mailer }): Channel {
  const smtp: SmtpSettings = {
    host: t.host,
    port: t.port,
    security: t.security,
    username: t.username,
    password: t.password,
    caFile: t.ca_file,
    tlsInsecure: t.tls_insecure,
    timeoutMs: t.timeout,
  };
  return {
    name: `email:${t.name}`,
    perMinute: t.per_minute,
    accepts: routeFilter(t),
    async send(event) {
      const mailer = deps.mailer;
      if (!mailer)
        throw new NomadError('notify_failed', `email ${t.name}: no SMTP mailer in this runtime`, { retryable: false });
      const msg = buildMail(t, event);
      await withRetry(async () => {
        try {
          await mailer.send(smtp, msg);
        } catch (err) {
          if (err instanceof NomadError) throw err;
          throw new NomadError('notify_failed', `email ${t.name}: ${(err as Error).message}`, {
            retryable: true,
            cause: err,
          });
        }
      }, retryPolicy(t));
    },
  };
}
