// The SMTP Mailer for Node runtimes (nodemailer), passed into the functions by the composition root.
// functions/ builds the message; this file only speaks SMTP, so functions/ stays free of Node modules.
import { readFileSync } from 'node:fs';
import { NomadError } from '../functions/_lib/errors.ts';
import type { MailMessage, Mailer, SmtpSettings } from '../functions/_lib/notify/email.ts';

/** nodemailer's transport options for one target. */
export function transportOptions(s: SmtpSettings) {
  return {
    host: s.host,
    port: s.port,
    // tls: TLS from the first byte (465). starttls: plain, then STARTTLS, which is required. none: never upgrade.
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    auth: s.username ? { user: s.username, pass: s.password } : undefined,
    tls: {
      rejectUnauthorized: !s.tlsInsecure,
      ...(s.caFile ? { ca: readFileSync(s.caFile, 'utf8') } : {}),
    },
    connectionTimeout: s.timeoutMs,
    greetingTimeout: s.timeoutMs,
    socketTimeout: s.timeoutMs,
  };
}

/**
 * Permanent: the server refused our credentials or answered 5xx (bad recipient, policy). Everything else
 * (connection refused, timeouts, TLS trouble, 4xx "try later") is worth another try.
 */
export function classifySmtpError(err: unknown): NomadError {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const permanent = e.code === 'EAUTH' || (typeof e.responseCode === 'number' && e.responseCode >= 500);
  const detail = [e.code, e.responseCode].filter(Boolean).join(' ');
  return new NomadError('notify_failed', `smtp: ${e.message ?? String(err)}${detail ? ` (${detail})` : ''}`, {
    category: 'notify',
    retryable: !permanent,
    cause: err,
  });
}

export function createMailer(): Mailer {
  return {
    async send(smtp: SmtpSettings, msg: MailMessage): Promise<void> {
      // Loaded on the first email: most runners never send one, and nodemailer costs megabytes at rest.
      const { default: nodemailer } = await import('nodemailer');
      const transport = nodemailer.createTransport(transportOptions(smtp));
      try {
        await transport.sendMail({
          from: msg.from,
          to: msg.to,
          cc: msg.cc.length ? msg.cc : undefined,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          messageId: msg.messageId,
          references: msg.references,
          headers: msg.headers,
        });
      } catch (err) {
        throw classifySmtpError(err);
      } finally {
        transport.close();
      }
    },
  };
}
