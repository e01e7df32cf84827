// Slack and webhooks to real HTTP receivers through the deliver route: Block Kit, routing, rate limits, a target
// that is down (and a restart in between), each notice arriving once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../functions/_lib/notify/signature.ts';
import type { AlertEvent } from '../../functions/_lib/notify/types.ts';
import { freshDatabase } from '../helpers/influx.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { type Clock, deliver, enqueue, notice, testDeps } from './helpers.ts';

let slackRx: Receiver;
let hookRx: Receiver;
const clock: Clock = { t: Date.now() };
const fast = { attempts: 1 };

beforeAll(async () => {
  slackRx = await startReceiver();
  hookRx = await startReceiver();
});
afterAll(async () => {
  await slackRx.close();
  await hookRx.close();
});

const bodiesFor = (rx: Receiver, id: string) =>
  rx.received.filter((r) => JSON.stringify(r.json).includes(id)).map((r) => r.json as Record<string, unknown>);

describe('Slack channel', () => {
  it('posts Block Kit: header, severity and message, fields, an acknowledge button; resolved reads as resolved', async () => {
    const store = await freshDatabase('notify_slack');
    const deps = testDeps(store, { notify: { slack: [{ name: 'hpc', url: slackRx.url, ...fast }] } }, clock);
    const e = notice(clock, { details: { since: '2024-05-01T02:57:00.000Z', trend: 'growing_linear' } });
    await enqueue(store, e);
    expect(await deliver(deps)).toMatchObject({ sent: 1 });
    const [msg] = bodiesFor(slackRx, e.notice_id);
    expect(msg).toEqual({
      text: 'CRITICAL FIRING: disk_used_percent on hpc1: /scratch on n1 is 97.25% full',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '🔴 FIRING: disk_used_percent', emoji: true } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: ':red_circle: *Severity:* critical\n/scratch on n1 is 97.25% full' },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Cluster*\nhpc1' },
            { type: 'mrkdwn', text: '*Series*\ndisk host=n1, path=/scratch' },
            { type: 'mrkdwn', text: '*Value*\n97.25' },
            { type: 'mrkdwn', text: '*Limit*\n95' },
            { type: 'mrkdwn', text: '*Since*\n2024-05-01T02:57:00.000Z' },
            { type: 'mrkdwn', text: '*trend*\ngrowing_linear' },
          ],
        },
        {
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
        },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `NOMAD nomad · alert ${e.id} · notice ${e.notice_id} · ${e.at}` }],
        },
      ],
    });

    clock.t += 1000;
    const r = notice(clock, { id: e.id, kind: 'resolved', message: 'resolved: 80% <ok> & fine', ack_url: undefined });
    await enqueue(store, r);
    await deliver(deps);
    const [done] = bodiesFor(slackRx, r.notice_id) as Array<{ text: string; blocks: Array<Record<string, unknown>> }>;
    expect(done!.text).toBe('RESOLVED: disk_used_percent on hpc1: resolved: 80% &lt;ok&gt; &amp; fine');
    expect(done!.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '✅ RESOLVED: disk_used_percent', emoji: true },
    });
    expect(JSON.stringify(done!.blocks[1])).toContain(':white_check_mark: *Severity:* critical (resolved)');
    expect(done!.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('routing', () => {
  it('goes by minimum severity, tag match (exact and /regex/) and notice kind', async () => {
    const store = await freshDatabase('notify_routing');
    const raw = {
      notify: {
        webhooks: [
          { name: 'all', url: hookRx.url, min_severity: 'info', ...fast },
          {
            name: 'gpu-critical',
            url: hookRx.url,
            min_severity: 'critical',
            match: { cluster: 'hpc1', partition: 'gpu' },
            ...fast,
          },
          {
            name: 'nodes',
            url: hookRx.url,
            min_severity: 'info',
            match: { host: '/^n[0-9]+$/' },
            kinds: ['firing', 'resolved'],
            ...fast,
          },
        ],
      },
    };
    const deps = testDeps(store, raw, clock);
    const gpuCrit = notice(clock, { series: { measurement: 'slurm_nodes', tags: { partition: 'gpu' } } });
    const gpuWarn = notice(clock, {
      severity: 'warning',
      series: { measurement: 'slurm_nodes', tags: { partition: 'gpu' } },
    });
    const otherCluster = notice(clock, {
      cluster: 'hpc2',
      series: { measurement: 'slurm_nodes', tags: { partition: 'gpu' } },
    });
    const nodeInfo = notice(clock, { severity: 'info', series: { measurement: 'disk', tags: { host: 'n12' } } });
    const nodeReminder = notice(clock, { kind: 'reminder', series: { measurement: 'disk', tags: { host: 'n12' } } });
    const loginNode = notice(clock, { severity: 'info', series: { measurement: 'disk', tags: { host: 'login1' } } });
    await enqueue(store, gpuCrit, gpuWarn, otherCluster, nodeInfo, nodeReminder, loginNode);
    await deliver(deps);
    const took = (e: AlertEvent) =>
      hookRx.received.filter((r) => (r.json as AlertEvent).notice_id === e.notice_id).length;
    expect([gpuCrit, gpuWarn, otherCluster, nodeInfo, nodeReminder, loginNode].map(took)).toEqual([2, 1, 1, 2, 1, 1]);
    // Which channel took which: the delivery records say so.
    const rows = await store.rows(`SELECT "notice_id" FROM "nomad_delivery" WHERE "ok" = true GROUP BY "channel"`);
    const by = (ch: string) => new Set(rows.filter((r) => r.channel === ch).map((r) => r.notice_id));
    expect(by('webhook:gpu-critical')).toEqual(new Set([gpuCrit.notice_id]));
    expect(by('webhook:nodes')).toEqual(new Set([nodeInfo.notice_id]));
    expect(by('webhook:all').size).toBe(6);
  });
});

describe('delivery guarantees', () => {
  it('a per-minute limit makes notices wait, and they arrive in later minutes, each once', async () => {
    const store = await freshDatabase('notify_rate');
    const deps = testDeps(
      store,
      { notify: { webhooks: [{ name: 'slow', url: hookRx.url, per_minute: 2, ...fast }] } },
      clock,
    );
    const events = Array.from({ length: 5 }, (_, i) =>
      notice(clock, { message: `rate-${i}`, at: new Date(clock.t + i).toISOString() }),
    );
    await enqueue(store, ...events);
    expect(await deliver(deps)).toMatchObject({ sent: 2, waiting: 3 });
    clock.t += 10_000;
    expect(await deliver(deps)).toMatchObject({ sent: 0, waiting: 3 });
    clock.t += 61_000;
    expect(await deliver(deps)).toMatchObject({ sent: 2, waiting: 1 });
    clock.t += 61_000;
    expect(await deliver(deps)).toMatchObject({ sent: 1, waiting: 0 });
    const got = hookRx.received.map((r) => (r.json as AlertEvent).message).filter((m) => m.startsWith('rate-'));
    expect(got).toEqual(['rate-0', 'rate-1', 'rate-2', 'rate-3', 'rate-4']);
  });

  it('a target answering 503 keeps the notice; it arrives once when the target is back, after a restart', async () => {
    const store = await freshDatabase('notify_down');
    const rx = await startReceiver();
    const raw = {
      notify: {
        webhooks: [{ name: 'ops', url: rx.url, secret: 'k1', ...fast }],
        slack: [{ name: 'hpc', url: slackRx.url, ...fast }],
      },
    };
    const e = notice(clock, { message: 'while-down' });
    await enqueue(store, e);
    rx.failWith(503);
    // Slack is up and takes it now; the webhook fails and leaves it waiting.
    expect(await deliver(testDeps(store, raw, clock))).toMatchObject({ sent: 1, failed: 1, waiting: 1 });
    clock.t += 5000;
    expect(await deliver(testDeps(store, raw, clock))).toMatchObject({ sent: 0, failed: 1, waiting: 1 });
    rx.failWith(undefined);
    clock.t += 5000;
    // "Restart": new deps and a new app on the same InfluxDB.
    expect(await deliver(testDeps(store, raw, clock))).toMatchObject({ sent: 1, failed: 0, waiting: 0 });
    clock.t += 5000;
    expect(await deliver(testDeps(store, raw, clock))).toMatchObject({ sent: 0, waiting: 0 });
    expect(rx.received).toHaveLength(1);
    expect(bodiesFor(slackRx, e.notice_id)).toHaveLength(1);
    const got = rx.received[0]!;
    expect((got.json as AlertEvent).notice_id).toBe(e.notice_id);
    expect(
      await verifySignature(got.headers['x-nomad-signature'] as string, got.body, ['k1'], { nowMs: clock.t - 5000 }),
    ).toEqual({ ok: true });
    await rx.close();
  });
});
