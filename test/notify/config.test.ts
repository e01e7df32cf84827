// The [notify] config: the webhook keys of before still work, every default, and errors that name the key.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/_lib/config.ts';
import { buildChannels } from '../../functions/_lib/notify/channels.ts';

describe('[notify] config', () => {
  it('keeps the webhook keys of before and fills documented defaults (ms for durations)', () => {
    const cfg = parseConfig({
      notify: {
        retention: '2d',
        webhooks: [
          {
            name: 'ops',
            url: 'https://ops.example/hook',
            secret: 'a',
            next_secret: 'b',
            min_severity: 'critical',
            timeout: '2s',
            attempts: 2,
            per_minute: 10,
          },
        ],
        email: [{ name: 'oncall', host: 'smtp.example', from: 'nomad@example', to: ['a@example'] }],
        slack: [{ name: 'hpc', url: 'https://hooks.slack.com/services/T/B/X' }],
      },
    });
    expect(cfg.notify.retention).toBe(2 * 86_400_000);
    expect(cfg.notify.webhooks[0]).toMatchObject({
      min_severity: 'critical',
      timeout: 2000,
      attempts: 2,
      per_minute: 10,
      kinds: ['firing', 'escalated', 'reminder', 'acknowledged', 'resolved'],
      match: {},
      retry_delay: 500,
      retry_max_delay: 5000,
    });
    expect(cfg.notify.email[0]).toMatchObject({
      port: 587,
      security: 'starttls',
      per_minute: 20,
      attempts: 3,
      timeout: 10_000,
      subject_prefix: '[NOMAD]',
      cc: [],
      tls_insecure: false,
    });
    expect(cfg.notify.slack[0]).toMatchObject({ per_minute: 30, attempts: 3, min_severity: 'warning' });
    expect(cfg.notify.grafana).toMatchObject({ token: '', severity_label: 'severity', default_severity: 'warning' });
    expect(buildChannels(cfg, { fetch, now: Date.now }).map((c) => [c.name, c.perMinute])).toEqual([
      ['webhook:ops', 10],
      ['email:oncall', 20],
      ['slack:hpc', 30],
    ]);
  });

  it('names the key that is wrong', () => {
    const bad = (notify: unknown) => {
      try {
        parseConfig({ notify });
      } catch (e) {
        return (e as { field?: string }).field;
      }
      return 'no error';
    };
    expect(bad({ slack: [{ name: 'x', url: 'https://h.example', match: { host: '/[/' } }] })).toBe(
      'notify.slack.0.match.host',
    );
    expect(bad({ email: [{ name: 'x', host: 'h', from: 'f@x', to: [] }] })).toBe('notify.email.0.to');
    expect(bad({ email: [{ name: 'x', host: 'h', from: 'f@x', to: ['t@x'], security: 'ssl' }] })).toBe(
      'notify.email.0.security',
    );
    expect(
      bad({
        webhooks: [
          { name: 'a', url: 'https://a.example' },
          { name: 'a', url: 'https://b.example' },
        ],
      }),
    ).toBe('notify.webhooks.1.name');
    expect(bad({ webhooks: [{ name: 'a', url: 'https://a.example', kinds: ['paged'] }] })).toBe(
      'notify.webhooks.0.kinds.0',
    );
    expect(bad({ grafana: { cooldown: 'soon' } })).toBe('notify.grafana.cooldown');
  });
});
