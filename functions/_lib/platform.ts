// The `{ fetch, scheduled }` handler object that cron-triggered HTTP platforms call, built from env bindings.
import { applyEnv, parseConfig } from './config.ts';
import { type Deps, consoleLogger } from './deps.ts';
import type { FunctionDescriptor } from './descriptor.ts';
import { storeFromConfig } from './store.ts';

export type Env = Record<string, string | undefined>;
export interface ScheduledEvent {
  cron: string;
  scheduledTime: number;
}
export interface ExecutionContext {
  waitUntil(p: Promise<unknown>): void;
}

/** Deps from a platform's string bindings (NOMAD_INFLUX_URL, NOMAD_INFLUX_TOKEN, …), with web standards only. */
export function depsFromEnv(env: Env): Deps {
  const config = parseConfig(applyEnv({}, env));
  const store = storeFromConfig(config);
  const now = () => Date.now();
  return {
    config: () => config,
    store,
    now,
    log: consoleLogger({ app: 'nomad' }, config.general.log_level),
    fetch,
  };
}

export function createHandler(fn: FunctionDescriptor, buildDeps: (env: Env) => Deps = depsFromEnv) {
  let cached: { env: Env; app: ReturnType<FunctionDescriptor['createApp']> } | undefined;
  const appFor = (env: Env) => {
    if (!cached || cached.env !== env) cached = { env, app: fn.createApp(buildDeps(env)) };
    return cached.app;
  };
  return {
    fetch: (req: Request, env: Env = {}) => appFor(env).fetch(req),
    async scheduled(event: ScheduledEvent, env: Env = {}, ctx?: ExecutionContext) {
      const overrides = parseConfig(applyEnv({}, env)).schedules;
      const due = fn.schedules.filter((s) => (overrides[`${fn.name}.${s.task}`] ?? s.cron) === event.cron);
      const work = Promise.all(due.map((s) => appFor(env).request(s.path, { method: 'POST' })));
      ctx?.waitUntil(work);
      await work;
    },
  };
}
