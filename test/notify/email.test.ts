// Email through a real SMTP server (STARTTLS + AUTH): the exact message that arrives, and a server that is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import { freshDatabase } from '../helpers/influx.ts';
import { type Clock, deliver, enqueue, notice, testDeps } from './helpers.ts';
import { type SmtpSink, startSmtp } from './smtp.ts';

let store: InfluxClient;
let smtp: SmtpSink;
const clock: Clock = { t: Date.now() };

const emailTarget = (over: Record<string, unknown> = {}) => ({
  name: 'oncall',
  host: '127.0.0.1',
  port: smtp.port,
  security: 'starttls',
  username: 'nomad',
  password: 's3cret',
  ca_file: smtp.caFile,
  from: 'NOMAD <nomad@hpc.example>',
  to: ['oncall@hpc.example', 'admin@hpc.example'],
  cc: ['log@hpc.example'],
  attempts: 1,
  timeout: '3s',
  ...over,
});

beforeAll(async () => {
  store = await freshDatabase('notify_email');
  smtp = await startSmtp({ nomad: 's3cret' });
});
afterAll(() => smtp.stop());

describe('email channel against a real SMTP server', () => {
  it('sends over STARTTLS with AUTH a message that says what, where, how bad, since when, and how to ack', async () => {
    const deps = testDeps(store, { notify: { email: [emailTarget()] } }, clock);
    const e = notice(clock);
    await enqueue(store, e);
    expect(await deliver(deps)).toMatchObject({ sent: 1, failed: 0, waiting: 0 });

    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got.secure).toBe(true);
    expect(got.user).toBe('nomad');
    expect(got.envelopeTo.sort()).toEqual(['admin@hpc.example', 'log@hpc.example', 'oncall@hpc.example']);
    const m = got.mail;
    expect(m.subject).toBe('[NOMAD] CRITICAL FIRING disk_used_percent on hpc1 (host=n1, path=/scratch)');
    expect(m.from?.value).toEqual([{ address: 'nomad@hpc.example', name: 'NOMAD' }]);
    expect(m.messageId).toBe(`<${e.notice_id}@hpc.example>`);
    expect(m.headers.get('x-nomad-notice-id')).toBe(e.notice_id);
    expect(m.headers.get('x-nomad-alert-id')).toBe(e.id);
    const text = m.text ?? '';
    expect(text).toContain('FIRING: /scratch on n1 is 97.25% full');
    expect(text).toMatch(/What:\s+disk_used_percent \(nomad\): disk/);
    expect(text).toMatch(/Where:\s+cluster hpc1; host=n1, path=\/scratch/);
    expect(text).toMatch(/How bad:\s+critical, value 97.25 \(limit 95\)/);
    expect(text).toMatch(new RegExp(`Since:\\s+${new Date(clock.t - 600_000).toISOString()}`));
    expect(text).toMatch(/hours_to_full:\s+3.5/);
    expect(text).toContain(`Acknowledge: ${e.ack_url}`);
    expect(m.html).toContain(`<a href="${e.ack_url!.replace(/&/g, '&amp;')}"`);
    expect(m.html).toContain('97.25 (limit 95)');

    // Taken once: the next run sends nothing.
    expect(await deliver(deps)).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('a resolved notice reads as resolved, without an ack link', async () => {
    const deps = testDeps(store, { notify: { email: [emailTarget()] } }, clock);
    clock.t += 1000;
    const e = notice(clock, { kind: 'resolved', message: 'resolved: /scratch on n1 is 80% full', ack_url: undefined });
    await enqueue(store, e);
    await deliver(deps);
    const m = smtp.received.at(-1)!.mail;
    expect(m.subject).toBe('[NOMAD] RESOLVED disk_used_percent on hpc1 (host=n1, path=/scratch)');
    expect(m.text).toContain('RESOLVED: resolved: /scratch on n1 is 80% full');
    expect(m.text).not.toContain('Acknowledge');
  });

  it('wrong credentials fail the delivery and the notice waits', async () => {
    const db = await freshDatabase('notify_email_auth');
    const deps = testDeps(db, { notify: { email: [emailTarget({ password: 'wrong' })] } }, clock);
    const before = smtp.received.length;
    await enqueue(db, notice(clock));
    expect(await deliver(deps)).toMatchObject({ sent: 0, failed: 1, waiting: 1 });
    expect(smtp.received).toHaveLength(before);
  });

  it('a server that is down: the notice waits in the outbox and arrives once when it is back, across a restart', async () => {
    const db = await freshDatabase('notify_email_down');
    const raw = { notify: { email: [emailTarget({ port: smtp.port })] } };
    const e = notice(clock, { message: 'down-then-up' });
    await enqueue(db, e);
    await smtp.stop();
    expect(await deliver(testDeps(db, raw, clock))).toMatchObject({ sent: 0, failed: 1, waiting: 1 });
    clock.t += 5000;
    expect(await deliver(testDeps(db, raw, clock))).toMatchObject({ sent: 0, waiting: 1 });

    await smtp.start();
    // A new app and new deps on the same InfluxDB: nothing lives in memory.
    clock.t += 5000;
    expect(await deliver(testDeps(db, raw, clock))).toMatchObject({ sent: 1, waiting: 0 });
    clock.t += 5000;
    expect(await deliver(testDeps(db, raw, clock))).toMatchObject({ sent: 0, waiting: 0 });
    expect(smtp.received.filter((r) => r.mail.text?.includes('down-then-up'))).toHaveLength(1);
  });
});
