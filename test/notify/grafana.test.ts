// Grafana's webhook payload into NOMAD's lifecycle: firing, a repeat (deduplicated), escalation, resolved, the
// cooldown; bad bodies and credentials. Real InfluxDB, the route through createApp(deps).request.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAlertStates } from '../../functions/_lib/alert-state.ts';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import { signBody } from '../../functions/_lib/notify/signature.ts';
import type { AlertEvent } from '../../functions/_lib/notify/types.ts';
import { createApp } from '../../functions/notify/app.ts';
import { grafanaAnswerSchema } from '../../functions/notify/grafana.ts';
import { freshDatabase } from '../helpers/influx.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { type Clock, deliver, testDeps } from './helpers.ts';

const TOKEN = 'grafana-token-1';
let store: InfluxClient;
let rx: Receiver;
const clock: Clock = { t: Date.now() };
const raw = () => ({
  general: { cluster: 'hpc0' },
  alerts: { cooldown: '1h' },
  notify: {
    grafana: { token: TOKEN, secret: 'hmac-1' },
    webhooks: [{ name: 'ops', url: rx.url, min_severity: 'info', attempts: 1 }],
  },
});

/** Grafana's documented webhook body (receiver, status, orgId, alerts[] with labels, annotations, values…). */
function payload(status: 'firing' | 'resolved', over: { severity?: string; value?: number } = {}) {
  return {
    receiver: 'nomad',
    status,
    orgId: 1,
    alerts: [
      {
        status,
        labels: {
          alertname: 'High memory usage',
          cluster: 'hpc1',
          team: 'blue',
          zone: 'us-1',
          severity: over.severity ?? 'warning',
        },
        annotations: {
          description: 'The system has high memory usage',
          runbook_url: 'https://myrunbook.com/runbook/1234',
          summary: 'This alert was triggered for zone us-1',
          nomad_limit: '40',
        },
        startsAt: '2021-10-12T09:51:03.157076+02:00',
        endsAt: status === 'resolved' ? '2021-10-12T10:51:03.157076+02:00' : '0001-01-01T00:00:00Z',
        generatorURL: 'https://play.grafana.org/alerting/1afz29v7z/edit',
        fingerprint: 'c6eadffa33fcdf37',
        silenceURL: 'https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT2',
        dashboardURL: '',
        panelURL: '',
        values: { B: over.value ?? 44.23943737541908, C: 1 },
      },
    ],
    groupLabels: { alertname: 'High memory usage' },
    commonLabels: { alertname: 'High memory usage' },
    commonAnnotations: {},
    externalURL: 'https://play.grafana.org/',
    version: '1',
    groupKey: '{}:{alertname="High memory usage"}',
    truncatedAlerts: 0,
    title: '[FIRING:1] High memory usage',
    state: 'alerting',
    message: '**Firing**',
  };
}

async function post(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  const deps = testDeps(store, raw(), clock);
  const res = await createApp(deps).request('/grafana', {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const grafanaNotices = () => rx.received.map((r) => r.json as AlertEvent).filter((e) => e.source === 'grafana');

beforeAll(async () => {
  store = await freshDatabase('notify_grafana');
  rx = await startReceiver();
});

describe('POST /notify/grafana', () => {
  it('rejects missing, wrong and unconfigured credentials with 401', async () => {
    expect(await post(payload('firing'), {})).toMatchObject({ status: 401, json: { code: 'unauthorized' } });
    expect(await post(payload('firing'), { authorization: 'Bearer nope' })).toMatchObject({
      status: 401,
      json: { code: 'unauthorized', message: 'invalid bearer token' },
    });
    const closed = testDeps(store, { notify: {} }, clock);
    const res = await createApp(closed).request('/grafana', {
      method: 'POST',
      body: JSON.stringify(payload('firing')),
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(401);
    expect(grafanaNotices()).toHaveLength(0);
  });

  it('rejects a malformed body with 400 naming the field', async () => {
    const bad = payload('firing');
    (bad.alerts[0] as Record<string, unknown>).status = 'pending';
    expect(await post(bad)).toMatchObject({ status: 400, json: { code: 'bad_request', field: 'alerts.0.status' } });
    const noName = payload('firing');
    delete (noName.alerts[0]!.labels as Record<string, unknown>).alertname;
    expect(await post(noName)).toMatchObject({ status: 400, json: { field: 'alerts.0.labels.alertname' } });
    const badDate = payload('firing');
    badDate.alerts[0]!.startsAt = 'yesterday';
    expect(await post(badDate)).toMatchObject({ status: 400, json: { field: 'alerts.0.startsAt' } });
    expect(await post('{not json')).toMatchObject({ status: 400, json: { field: '(body)' } });
  });

  it('firing → one notice; a repeat is deduplicated; worse is escalated; resolved is announced; then the cooldown', async () => {
    const first = await post(payload('firing'));
    expect(first.status).toBe(200);
    expect(grafanaAnswerSchema.parse(first.json)).toEqual({ ok: true, alerts: 1, notices: 1 });
    await deliver(testDeps(store, raw(), clock));
    expect(grafanaNotices()).toHaveLength(1);
    const fired = grafanaNotices()[0]!;
    expect(fired).toMatchObject({
      kind: 'firing',
      source: 'grafana',
      rule: 'grafana:High memory usage',
      severity: 'warning',
      state: 'firing',
      cluster: 'hpc1',
      series: { measurement: 'grafana', tags: { team: 'blue', zone: 'us-1' } },
      value: 44.23943737541908,
      limit: 40,
      message: 'This alert was triggered for zone us-1',
      details: {
        since: '2021-10-12T09:51:03.157076+02:00',
        fingerprint: 'c6eadffa33fcdf37',
        runbook_url: 'https://myrunbook.com/runbook/1234',
      },
    });
    const states = await loadAlertStates(store, { nowMs: clock.t, ids: [fired.id] });
    expect(states.get(fired.id)).toMatchObject({
      state: 'firing',
      rule: 'grafana:High memory usage',
      severity: 'warning',
    });

    // Grafana repeats the group (repeat_interval, or a retry): same alert, no new notice.
    clock.t += 60_000;
    expect((await post(payload('firing', { value: 45 }))).json).toMatchObject({ notices: 0 });
    await deliver(testDeps(store, raw(), clock));
    expect(grafanaNotices()).toHaveLength(1);

    clock.t += 60_000;
    expect((await post(payload('firing', { severity: 'critical', value: 60 }))).json).toMatchObject({ notices: 1 });
    clock.t += 60_000;
    expect((await post(payload('resolved'))).json).toMatchObject({ notices: 1 });
    await deliver(testDeps(store, raw(), clock));
    expect(grafanaNotices().map((e) => [e.kind, e.severity, e.id === fired.id])).toEqual([
      ['firing', 'warning', true],
      ['escalated', 'critical', true],
      ['resolved', 'critical', true],
    ]);
    expect(grafanaNotices()[2]!.message).toBe('resolved: This alert was triggered for zone us-1');

    // Fires again 1 min after the resolution: within the 1 h cooldown it is recorded but not announced (flapping).
    clock.t += 60_000;
    expect((await post(payload('firing'))).json).toMatchObject({ notices: 0 });
    expect((await loadAlertStates(store, { nowMs: clock.t, ids: [fired.id] })).get(fired.id)?.state).toBe('firing');
  });

  it('accepts the x-nomad-signature HMAC instead of a bearer token', async () => {
    const body = JSON.stringify({
      ...payload('firing'),
      alerts: [{ ...payload('firing').alerts[0]!, labels: { alertname: 'Signed', severity: 'info' } }],
    });
    const sig = await signBody('hmac-1', body, clock.t);
    expect(await post(body, { 'x-nomad-signature': sig })).toMatchObject({ status: 200, json: { notices: 1 } });
    expect(await post(body, { 'x-nomad-signature': await signBody('other', body, clock.t) })).toMatchObject({
      status: 401,
    });
  });
});
