// One Hono app for every function (each mounted at /<name>), their croner schedules, and /healthz.
import { Cron } from 'croner';
import { Hono } from 'hono';
import type { Deps } from '../functions/_lib/deps.ts';
import { type FunctionDescriptor, type Schedule, cronFor, mountedPath } from '../functions/_lib/descriptor.ts';
import { installErrorHandler } from '../functions/_lib/http.ts';

export interface LastRun {
  at: string;
  ok: boolean;
  status: number;
  durationMs: number;
  body: unknown;
}

interface Task {
  fn: FunctionDescriptor;
  schedule: Schedule;
  cron: string;
  job?: Cron;
  last?: LastRun;
  running: boolean;
  /** A chained fire arrived while this task ran: run it again right after, so no notice waits for the sweep. */
  again?: boolean;
}

export interface Runtime {
  app: Hono;
  /** Fires a schedule through its route, as cron would. */
  fire(fn: string, task: string): Promise<LastRun>;
  startSchedules(): void;
  /** Re-reads cron overrides from config (hot reload). */
  reschedule(): void;
  stopSchedules(): Promise<void>;
  /** Resolves when no scheduled run is in flight. */
  idle(): Promise<void>;
}

export function createRuntime(deps: Deps, fns: FunctionDescriptor[], extra?: (app: Hono) => void): Runtime {
  const app = new Hono();
  installErrorHandler(app, deps.log);
  const tasks: Task[] = [];
  for (const fn of fns) {
    app.route(`/${fn.name}`, fn.createApp(deps));
    for (const s of fn.schedules) tasks.push({ fn, schedule: s, cron: s.cron, running: false });
  }
  const inflight = new Set<Promise<unknown>>();

  async function fireTask(t: Task): Promise<LastRun> {
    const started = Date.now();
    t.running = true;
    const p = Promise.resolve(app.request(mountedPath(t.fn, t.schedule), { method: 'POST' }));
    inflight.add(p);
    try {
      const res = await p;
      const body = await res.json().catch(() => null);
      t.last = {
        at: new Date(started).toISOString(),
        ok: res.ok,
        status: res.status,
        durationMs: Date.now() - started,
        body,
      };
      chain(t, body as Record<string, unknown> | null);
      return t.last;
    } finally {
      inflight.delete(p);
      t.running = false;
      if (t.again) {
        t.again = false;
        void fireTask(t).catch(() => undefined);
      }
    }
  }

  const find = (fn: string, task: string) => tasks.find((t) => t.fn.name === fn && t.schedule.task === task);

  /** A schedule's `then`: fire the next one at once when the run counted something (not awaited). */
  function chain(t: Task, body: Record<string, unknown> | null) {
    const next = t.schedule.then;
    if (!next || !(Number(body?.[next.when]) > 0)) return;
    const target = find(next.fn, next.task);
    if (target?.running) target.again = true;
    else if (target)
      void fireTask(target).catch((err: unknown) =>
        deps.log.error({ category: 'internal', err: String(err) }, 'chained run failed'),
      );
  }

  app.get('/healthz', (c) =>
    c.json({
      ok: true,
      functions: fns.map((fn) => ({
        name: fn.name,
        description: fn.description,
        schedules: tasks
          .filter((t) => t.fn === fn)
          .map((t) => ({
            task: t.schedule.task,
            cron: t.cron,
            path: mountedPath(fn, t.schedule),
            running: t.running,
            next_run: t.job?.nextRun()?.toISOString() ?? null,
            last_run: t.last ?? null,
          })),
      })),
    }),
  );
  // Manual trigger for any schedule, as Cloudflare's /__scheduled: POST /__scheduled?fn=alerts&task=evaluate
  app.post('/__scheduled', async (c) => {
    const fn = c.req.query('fn') ?? '';
    const task = c.req.query('task') ?? '';
    const t = find(fn, task);
    if (!t) return c.json({ code: 'not_found', message: `no schedule ${fn}.${task}`, field: 'fn' }, 404);
    const run = await fireTask(t);
    return c.json(run, run.status as 200);
  });
  extra?.(app);

  function startSchedules() {
    const overrides = deps.config().schedules;
    for (const t of tasks) {
      t.job?.stop();
      t.cron = cronFor(t.fn, t.schedule, overrides);
      t.job = new Cron(t.cron, { protect: true, name: `${t.fn.name}.${t.schedule.task}` }, async () => {
        try {
          await fireTask(t);
        } catch (err) {
          deps.log.error(
            { category: 'internal', function: t.fn.name, task: t.schedule.task, err: String(err) },
            'scheduled run crashed',
          );
        }
      });
    }
  }

  return {
    app,
    fire: async (fn, task) => {
      const t = find(fn, task);
      if (!t) throw new Error(`no schedule ${fn}.${task}`);
      return fireTask(t);
    },
    startSchedules,
    reschedule: startSchedules,
    async stopSchedules() {
      for (const t of tasks) t.job?.stop();
      await Promise.allSettled([...inflight]);
    },
    idle: async () => void (await Promise.allSettled([...inflight])),
  };
}
