// The runner's own mechanics with two tiny functions: routes mounted, manual fire, and a schedule's `then` chain.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../functions/_lib/config.ts';
import { type Deps, silentLogger } from '../functions/_lib/deps.ts';
import type { FunctionDescriptor } from '../functions/_lib/descriptor.ts';
import type { InfluxClient } from '../functions/_lib/influx.ts';
import { createRuntime } from './runtime.ts';

function fn(
  name: string,
  run: () => Promise<Record<string, number>>,
  then?: FunctionDescriptor['schedules'][0]['then'],
): FunctionDescriptor {
  return {
    name,
    description: name,
    schedules: [{ task: 'go', cron: '0 0 1 1 *', path: '/go', then }],
    createApp: () => new Hono().post('/go', async (c) => c.json({ ok: true, ...(await run()) })),
  };
}

describe('local runtime', () => {
  const deps: Deps = {
    config: () => parseConfig({}),
    store: {} as InfluxClient,
    now: Date.now,
    log: silentLogger,
    fetch,
  };

  it('fires the chained schedule when the run counted something, and once more if it was busy', async () => {
    let bRuns = 0;
    let notices = 1;
    let release: () => void = () => undefined;
    const a = fn('a', async () => ({ notices }), { fn: 'b', task: 'go', when: 'notices' });
    const b = fn('b', async () => {
      bRuns++;
      await new Promise<void>((r) => (release = r));
      return {};
    });
    const rt = createRuntime(deps, [a, b]);
    await rt.fire('a', 'go');
    expect(bRuns).toBe(1);
    await rt.fire('a', 'go'); // b still busy: it runs again right after
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(bRuns).toBe(2);
    release();
    notices = 0;
    await rt.fire('a', 'go'); // nothing counted: no chain
    await new Promise((r) => setTimeout(r, 20));
    expect(bRuns).toBe(2);
    const health = (await (await rt.app.request('/healthz')).json()) as { functions: Array<{ name: string }> };
    expect(health.functions.map((f) => f.name)).toEqual(['a', 'b']);
  });
});
