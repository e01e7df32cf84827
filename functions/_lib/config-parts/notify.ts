// Config of notifications ([notify] in nomad.toml): webhook, email and Slack targets, each with its routing,
// rate limit and retries; and the Grafana webhook that feeds Grafana's alerts into NOMAD's lifecycle.
import { z } from 'zod';
import { duration, severity } from './common.ts';

export const noticeKinds = ['firing', 'escalated', 'reminder', 'acknowledged', 'resolved'] as const;

/** A tag value to match: exact, or /regex/. */
const tagPattern = z.string().refine((v) => {
  if (!(v.length > 1 && v.startsWith('/') && v.endsWith('/'))) return true;
  try {
    new RegExp(v.slice(1, -1));
    return true;
  } catch {
    return false;
  }
}, 'not a valid /regex/');

/** Routing, rate limit and retries: every target has them. */
const route = {
  name: z.string().min(1),
  /** Firing, escalated and reminder notices below this severity are not sent here (acks and resolutions are). */
  min_severity: severity.default('warning'),
  /** Only alerts whose tags (and cluster, rule, source) match every entry: exact value or /regex/. */
  match: z.record(z.string(), tagPattern).default({}),
  kinds: z
    .array(z.enum(noticeKinds))
    .min(1)
    .default([...noticeKinds]),
  /** Notices per minute; the rest wait in the outbox for a later run. */
  per_minute: z.number().int().min(1).default(60),
  /** Attempts per notice within one delivery run, the first included; then the notice waits for the next run. */
  attempts: z.number().int().min(1).default(3),
  /** Backoff before the 2nd attempt, doubling up to retry_max_delay (jittered). */
  retry_delay: duration.prefault('500ms'),
  retry_max_delay: duration.prefault('5s'),
  timeout: duration.prefault('10s'),
};

const webhook = z
  .object({
    ...route,
    url: z.url(),
    secret: z.string().default(''),
    next_secret: z.string().default(''),
    timeout: duration.prefault('5s'),
    attempts: z.number().int().min(1).default(5),
  })
  .strict();

const email = z
  .object({
    ...route,
    host: z.string().min(1),
    /** 587 for STARTTLS (submission), 465 for implicit TLS, 25 for plain relays. */
    port: z.number().int().min(1).max(65535).default(587),
    /** starttls: upgrade required (fails if the server does not offer it); tls: TLS from the first byte; none. */
    security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
    username: z.string().default(''),
    password: z.string().default(''),
    /** PEM file of the CA that signed the server's certificate, when it is not a public one. */
    ca_file: z.string().default(''),
    /** Only for testing against a self-signed server: accept any certificate. */
    tls_insecure: z.boolean().default(false),
    from: z.string().min(1),
    to: z.array(z.string().min(1)).min(1),
    cc: z.array(z.string().min(1)).default([]),
    subject_prefix: z.string().default('[NOMAD]'),
    per_minute: z.number().int().min(1).default(20),
  })
  .strict();

const slack = z
  .object({
    ...route,
    /** The incoming-webhook URL (https://hooks.slack.com/services/…). */
    url: z.url(),
    per_minute: z.number().int().min(1).default(30),
  })
  .strict();

export const notifySchema = z
  .object({
    /** Notices older than this are no longer delivered (a target down for longer loses them, logged). */
    retention: duration.prefault('7d'),
    webhooks: z.array(webhook).default([]),
    email: z.array(email).default([]),
    slack: z.array(slack).default([]),
    grafana: z
      .object({
        /** Bearer token Grafana's webhook contact point sends (Authorization: Bearer …). */
        token: z.string().default(''),
        /** Or: HMAC secrets of the x-nomad-signature header (current and next), for senders that sign. */
        secret: z.string().default(''),
        next_secret: z.string().default(''),
        /** Quiet time per alert between two notices (reminders, flapping). Default: alerts.cooldown, as NOMAD's rules. */
        cooldown: duration.optional(),
        /** The label that carries info | warning | critical; other values and none read as default_severity. */
        severity_label: z.string().default('severity'),
        default_severity: severity.default('warning'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((n, ctx) => {
    // Delivery records are keyed by channel name: two targets of one kind with one name would share them.
    for (const key of ['webhooks', 'email', 'slack'] as const) {
      const seen = new Set<string>();
      n[key].forEach((t, i) => {
        if (seen.has(t.name))
          ctx.addIssue({ code: 'custom', path: [key, i, 'name'], message: `duplicate name "${t.name}"` });
        seen.add(t.name);
      });
    }
  });

export type NotifyConfig = z.infer<typeof notifySchema>;
export type RouteConfig = Pick<
  z.infer<typeof slack>,
  | 'name'
  | 'min_severity'
  | 'match'
  | 'kinds'
  | 'per_minute'
  | 'attempts'
  | 'retry_delay'
  | 'retry_max_delay'
  | 'timeout'
>;
export type EmailTargetConfig = z.infer<typeof email>;
export type SlackTargetConfig = z.infer<typeof slack>;
export type WebhookTargetConfig = z.infer<typeof webhook>;
