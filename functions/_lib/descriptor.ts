// What a function is: a name, a Hono app built from deps, and its schedules as data.
import type { Hono } from 'hono';
import type { Deps } from './deps.ts';

export interface Schedule {
  /** The task name, unique within the function. */
  task: string;
  /** Default cron (croner syntax, seconds allowed); `[schedules] "fn.task"` in config overrides it. */
  cron: string;
  /** The route inside the function's app that does the work; a cron run POSTs to it. */
  path: string;
  /**
   * Where one runner hosts both, a run whose summary counts something under `when` fires this other schedule at
   * once (new alert notices go out without waiting for the delivery sweep). Platforms rely on the cron alone.
   */
  then?: { fn: string; task: string; when: string };
}

export interface FunctionDescriptor {
  name: string;
  description: string;
  createApp(deps: Deps): Hono;
  schedules: Schedule[];
}

/** Where a schedule's route sits on the local runner, which mounts each function at /<name>. */
export const mountedPath = (fn: FunctionDescriptor, s: Schedule): string => `/${fn.name}${s.path}`;

export function cronFor(fn: FunctionDescriptor, s: Schedule, overrides: Record<string, string>): string {
  return overrides[`${fn.name}.${s.task}`] ?? s.cron;
}
