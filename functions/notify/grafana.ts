// POST /grafana: Grafana's webhook contact point feeds its alerts into NOMAD's own lifecycle (dedup, cooldown,
// escalation) and outbox, so they reach the same channels once. Authenticated by bearer token or HMAC signature.
import type { Context } from 'hono';
import { z } from 'zod';
import { ackLink } from '../_lib/ack-link.ts';
import { decide, type Observation } from '../_lib/alert-lifecycle.ts';
import { type AlertState, alertId, alertStatePoint, loadAlertStates } from '../_lib/alert-state.ts';
import type { Config, Severity } from '../_lib/config.ts';
import type { Deps } from '../_lib/deps.ts';
import { NomadError } from '../_lib/errors.ts';
import { parseJsonBody } from '../_lib/http.ts';
import type { Point } from '../_lib/line-protocol.ts';
import { SIGNATURE_HEADER, constantTimeEqual, verifySignature } from '../_lib/notify/signature.ts';
import type { AlertEvent } from '../_lib/notify/types.ts';
import { noticePoint } from '../_lib/outbox.ts';

const date = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an RFC 3339 date');

/** One alert of Grafana's webhook payload (docs: "Configure webhook notifications", Webhook JSON payload). */
export const grafanaAlertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: z.looseObject({ alertname: z.string().min(1) }).catchall(z.string()),
  annotations: z.record(z.string(), z.string()).default({}),
  startsAt: date,
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  values: z.record(z.string(), z.number().nullable()).nullable().optional(),
  valueString: z.string().optional(),
});

export const grafanaPayloadSchema = z.looseObject({
  receiver: z.string(),
  status: z.enum(['firing', 'resolved']),
  orgId: z.number().optional(),
  alerts: z.array(grafanaAlertSchema),
  groupKey: z.string().optional(),
  externalURL: z.string().optional(),
  version: z.string().optional(),
});
export type GrafanaAlert = z.infer<typeof grafanaAlertSchema>;

export const grafanaAnswerSchema = z.object({ ok: z.literal(true), alerts: z.number(), notices: z.number() });

async function authenticate(c: Context, body: string, cfg: Config, now: number): Promise<void> {
  const g = cfg.notify.grafana;
  const secrets = [g.secret, g.next_secret].filter(Boolean);
  if (!g.token && secrets.length === 0)
    throw new NomadError('unauthorized', 'the Grafana webhook is closed: set notify.grafana.token (or secret)');
  const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
  if (g.token && bearer !== undefined) {
    if (constantTimeEqual(g.token, bearer)) return;
    throw new NomadError('unauthorized', 'invalid bearer token', { field: 'authorization' });
  }
  const signature = c.req.header(SIGNATURE_HEADER);
  if (secrets.length && signature) {
    const v = await verifySignature(signature, body, secrets, { nowMs: now });
    if (v.ok) return;
    throw new NomadError('unauthorized', v.reason, { field: SIGNATURE_HEADER });
  }
  throw new NomadError('unauthorized', `missing credentials: Authorization: Bearer … or ${SIGNATURE_HEADER}`, {
    field: 'authorization',
  });
}

function severityOf(labels: Record<string, string>, cfg: Config): Severity {
  const v = (labels[cfg.notify.grafana.severity_label] ?? '').toLowerCase();
  return v === 'info' || v === 'warning' || v === 'critical' ? v : cfg.notify.grafana.default_severity;
}

/** The value: the refId named by the `nomad_value_ref` annotation, else B (the reduce step), else the first. */
function valueOf(a: GrafanaAlert): number | null {
  const values = a.values ?? {};
  const ref = a.annotations.nomad_value_ref ?? 'B';
  const v =
    values[ref] ??
    Object.keys(values)
      .sort()
      .map((k) => values[k])[0];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const IDENTITY_DROP = new Set(['alertname']);
const TAG_DROP = new Set(['alertname', 'cluster', 'rule', 'alert_id']);

/** One Grafana alert as NOMAD sees it: rule, series, cluster, and what it says now. */
export function readAlert(a: GrafanaAlert, cfg: Config) {
  const labels = a.labels as Record<string, string>;
  const sevLabel = cfg.notify.grafana.severity_label;
  const rule = `grafana:${labels.alertname}`;
  // Severity is not identity: a rule that moves from warning to critical escalates one alert, not two.
  const identity = Object.fromEntries(Object.entries(labels).filter(([k]) => !IDENTITY_DROP.has(k) && k !== sevLabel));
  const tags = Object.fromEntries(Object.entries(labels).filter(([k]) => !TAG_DROP.has(k) && k !== sevLabel));
  const summary = a.annotations.summary || a.annotations.description || labels.alertname!;
  const limit = Number(a.annotations.nomad_limit);
  const obs: Observation =
    a.status === 'firing'
      ? {
          state: 'firing',
          severity: severityOf(labels, cfg),
          value: valueOf(a),
          limit: a.annotations.nomad_limit ? limit : null,
          message: summary,
        }
      : { state: 'ok', message: `resolved: ${summary}` };
  const details: AlertEvent['details'] = {
    since: a.startsAt,
    ends_at: a.status === 'resolved' ? (a.endsAt ?? null) : null,
    description: a.annotations.summary && a.annotations.description ? a.annotations.description : null,
    runbook_url: a.annotations.runbook_url ?? null,
    fingerprint: a.fingerprint ?? null,
    generator_url: a.generatorURL || null,
    silence_url: a.silenceURL || null,
    dashboard_url: a.dashboardURL || null,
    panel_url: a.panelURL || null,
  };
  return {
    id: alertId(rule, identity),
    rule,
    cluster: labels.cluster || cfg.general.cluster,
    tags,
    measurement: a.annotations.nomad_measurement || 'grafana',
    obs,
    details,
  };
}

export function grafanaRoute(deps: Deps) {
  return async (c: Context) => {
    const now = deps.now();
    const cfg = deps.config();
    const body = await c.req.text();
    await authenticate(c, body, cfg, now);
    const payload = parseJsonBody(body, grafanaPayloadSchema);
    const alerts = payload.alerts.map((a) => readAlert(a, cfg));
    const states = await loadAlertStates(deps.store, { nowMs: now, ids: [...new Set(alerts.map((a) => a.id))] });
    const cooldown = cfg.notify.grafana.cooldown ?? cfg.alerts.cooldown;
    const points: Point[] = [];
    let notices = 0;
    for (const a of alerts) {
      const base = { id: a.id, rule: a.rule, tags: a.tags, series: a.measurement };
      const d = decide(states.get(a.id), a.obs, base, now, cooldown);
      if (!d.next) continue;
      // The next alert of this payload with the same identity sees this one (a repeat inside one batch is deduplicated).
      states.set(a.id, d.next);
      points.push(alertStatePoint(d.next, a.cluster, now));
      if (d.notice) {
        notices++;
        const link =
          d.notice === 'resolved' || d.notice === 'acknowledged'
            ? undefined
            : await ackLink(deps.config(), d.next.id, now);
        points.push(noticePoint({ ...toEvent(d.next, d.notice, a, now), ...(link ? { ack_url: link } : {}) }));
      }
    }
    // State and notice in one write: a notice without its state would repeat, a state without its notice be lost.
    if (points.length) await deps.store.write(points);
    return c.json({ ok: true as const, alerts: alerts.length, notices });
  };
}

function toEvent(
  s: AlertState,
  kind: NonNullable<ReturnType<typeof decide>['notice']>,
  a: ReturnType<typeof readAlert>,
  now: number,
): AlertEvent {
  return {
    id: s.id,
    notice_id: `${s.id}-${now}-${kind}`,
    kind,
    source: 'grafana',
    rule: s.rule,
    severity: s.severity,
    state: s.state,
    cluster: a.cluster,
    series: { measurement: s.series, tags: s.tags },
    value: s.value,
    limit: s.limit,
    message: s.message,
    details: a.details,
    at: new Date(now).toISOString(),
    since: new Date(s.since || now).toISOString(),
  };
}
