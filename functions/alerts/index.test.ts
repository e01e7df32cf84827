// The `{ fetch, scheduled }` handler object a serverless platform calls, built from env bindings alone.
import { describe, expect, it } from 'vitest';
import { freshDatabase, influxUrl } from '../../test/helpers/influx.ts';
import handler, { alerts } from './index.ts';

describe('alerts as a serverless function', () => {
  it('runs its schedule from a cron event and answers HTTP, configured only by NOMAD_* bindings', async () => {
    const store = await freshDatabase('platform');
    const env = {
      NOMAD_INFLUX_URL: influxUrl(),
      NOMAD_INFLUX_DATABASE: store.database,
      NOMAD_GENERAL_CLUSTER: 'edge',
      NOMAD_GENERAL_LOG_LEVEL: 'silent',
    };
    const waited: Promise<unknown>[] = [];
    await handler.scheduled({ cron: alerts.schedules[0]!.cron, scheduledTime: Date.now() }, env, {
      waitUntil: (p) => waited.push(p),
    });
    expect(waited).toHaveLength(1);
    await handler.scheduled({ cron: '0 0 1 1 *', scheduledTime: Date.now() }, env); // no schedule has this cron
    const beats = await store.rows(`SELECT count(duration_ms) AS n FROM nomad_function_run WHERE "cluster" = 'edge'`);
    expect(beats[0]?.n).toBe(1);

    const res = await handler.fetch(new Request('http://fn/evaluate', { method: 'POST' }), env);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, function: 'alerts', task: 'evaluate', rule_errors: 0 });
    const missing = await handler.fetch(new Request('http://fn/nope'), env);
    expect(missing.status).toBe(404);
  });
});
