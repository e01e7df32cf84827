// The route wrapper every schedule goes through: no overlap, a truthful status, and a heartbeat point.
import type { Context } from 'hono';
import type { Deps } from './deps.ts';
import { NomadError, toNomadError } from './errors.ts';
import { int } from './line-protocol.ts';

export type Summary = Record<string, number | string | boolean>;
export const HEARTBEAT_MEASUREMENT = 'nomad_function_run';

export function scheduledRoute(fn: string, task: string, deps: Deps, run: (now: number) => Promise<Summary>) {
  let running = false;
  return async (c: Context) => {
    if (running) throw new NomadError('conflict', `${fn}.${task} is already running`);
    running = true;
    const started = deps.now();
    const log = deps.log.child({ function: fn, task });
    try {
      const summary = await run(started);
      const durationMs = deps.now() - started;
      await writeHeartbeat(deps, fn, task, { ok: true, durationMs, summary });
      log.debug({ durationMs, ...summary }, 'run finished');
      return c.json({ ok: true, function: fn, task, duration_ms: durationMs, ...summary });
    } catch (err) {
      const e = toNomadError(err);
      const durationMs = deps.now() - started;
      log.error({ err: e.message, code: e.code, category: e.category, durationMs }, 'run failed');
      await writeHeartbeat(deps, fn, task, { ok: false, durationMs, error: e.message }).catch(() => undefined);
      throw e;
    } finally {
      running = false;
    }
  };
}

async function writeHeartbeat(
  deps: Deps,
  fn: string,
  task: string,
  r: { ok: boolean; durationMs: number; summary?: Summary; error?: string },
): Promise<void> {
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.summary ?? {})) if (typeof v === 'number') counts[k] = v;
  await deps.store.write(
    [
      {
        measurement: HEARTBEAT_MEASUREMENT,
        tags: { cluster: deps.config().general.cluster, function: fn, task },
        fields: { ...counts, ok: r.ok, status: r.ok ? 'ok' : 'error', duration_ms: int(r.durationMs), error: r.error },
        time: deps.now(),
      },
    ],
    { retry: false },
  );
}
