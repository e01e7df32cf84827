// The one dependency bag every function receives. Nothing below the composition root reads the environment.
import type { Config } from './config.ts';
import type { InfluxClient } from './influx.ts';
import type { Mailer } from './notify/email.ts';

/** The subset of pino's interface the functions use, so any structured logger fits. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface Deps {
  /** A getter, so a hot-reloaded config reaches the next run without rebuilding the app. */
  config: () => Config;
  store: InfluxClient;
  now: () => number;
  log: Logger;
  fetch: typeof fetch;
  /** SMTP for email notifications; the composition root passes a Node implementation (wrangler-free-local/mailer.ts). */
  mailer?: Mailer;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'];

/** A JSON-lines logger on the console, for platforms where pino is not wired in. */
export function consoleLogger(bindings: Record<string, unknown> = {}, minLevel = 'info'): Logger {
  const min = Math.max(0, LEVELS.indexOf(minLevel));
  const emit = (level: string) => (obj: object, msg?: string) => {
    if (LEVELS.indexOf(level) >= min)
      console.log(JSON.stringify({ level, time: Date.now(), ...bindings, ...obj, msg }));
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (b) => consoleLogger({ ...bindings, ...b }, minLevel),
  };
}
