// The one config schema: nomad.toml, with every key overridable by a NOMAD_* environment variable.
import { z } from 'zod';
import { type severity, collectorBase, duration } from './config-parts/common.ts';
import { hostCollectorsSchema } from './config-parts/host.ts';
import { notifySchema } from './config-parts/notify.ts';
import { ruleSchema } from './config-parts/rules.ts';
import { defaultRules } from './default-rules.ts';
import { slurmCollectorsSchema } from './config-parts/slurm.ts';
import { NomadError, describeIssues } from './errors.ts';

export const configSchema = z
  .object({
    general: z
      .object({
        cluster: z.string().min(1).default('default'),
        data_dir: z.string().default(''),
        log_level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
        log_file: z.string().default(''),
        log_max_size: z
          .string()
          .regex(/^\d+[KMG]?$/, 'use a size such as 10M')
          .default('10M'),
        log_max_files: z.number().int().min(1).default(5),
      })
      .strict()
      .prefault({}),
    influx: z
      .object({
        url: z.union([z.literal(''), z.url()]).default(''),
        database: z
          .string()
          .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
          .default('nomad'),
        retention_policy: z.string().default(''),
        username: z.string().default(''),
        password: z.string().default(''),
        token: z.string().default(''),
        timeout: duration.prefault('10s'),
        influxd_path: z.string().default('influxd'),
      })
      .strict()
      .prefault({}),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8787),
      })
      .strict()
      .prefault({}),
    schedules: z.record(z.string(), z.string()).default({}),
    api: z
      .object({
        /** Bearer tokens for write endpoints (acknowledge, reload). Empty: the local runner makes one in data_dir. */
        tokens: z.array(z.string()).default([]),
      })
      .strict()
      .prefault({}),
    ingest: z
      .object({
        /** HMAC key the hooks sign with; `nomad init` writes one. Empty: the local runner makes one in data_dir. */
        secret: z.string().default(''),
        next_secret: z.string().default(''),
        replay_window: duration.prefault('5m'),
        /** Where the hooks spool events while NOMAD is unreachable; the shim forwards them to ingest_url. */
        hook_spool_dir: z.string().default('/var/spool/nomad/hooks'),
        /** The ingest route the shim forwards to. Empty: this machine's local runner (server.host:server.port). */
        ingest_url: z.string().default(''),
        forward_interval: duration.prefault('30s'),
      })
      .strict()
      .prefault({}),
    collectors: z
      .object({
        push_interval: duration.prefault('10s'),
        /** Disk spool cap; past it the oldest points are dropped and counted in nomad_spool.dropped_total. */
        spool_max_mb: z.number().positive().default(256),
        disk: collectorBase('60s', '10s')
          .strict()
          .extend({
            include_paths: z.array(z.string()).default([]),
            exclude_fstypes: z
              .array(z.string())
              .default(['tmpfs', 'devtmpfs', 'overlay', 'squashfs', 'proc', 'sysfs', 'cgroup', 'cgroup2', 'nsfs']),
          })
          .prefault({}),
      })
      .extend(slurmCollectorsSchema.shape)
      .extend(hostCollectorsSchema.shape)
      .strict()
      .prefault({}),
    alerts: z
      .object({
        /** Minimum time between two notices of one alert (reminders, flapping), unless a rule sets its own. */
        cooldown: duration.prefault('4h'),
        /** Where signed acknowledgement links point (this runner's address as users reach it); empty: no link. */
        public_url: z.string().default(''),
        /** HMAC key of acknowledgement links; empty: the local runner makes one in data_dir. */
        ack_secret: z.string().default(''),
        /** Replaced as a whole when given: `nomad init` writes the defaults out for editing. */
        rules: z.array(ruleSchema).prefault(defaultRules as never),
      })
      .strict()
      .superRefine((a, ctx) => {
        const seen = new Set<string>();
        a.rules.forEach((r, i) => {
          if (seen.has(r.id))
            ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
          seen.add(r.id);
        });
      })
      .prefault({}),
    notify: notifySchema.prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type Severity = z.infer<typeof severity>;

/** Validates a raw config object; the error names every bad key and the reason. */
export function parseConfig(raw: unknown): Config {
  const r = configSchema.safeParse(raw ?? {});
  if (r.success) return r.data;
  const { field, message } = describeIssues(r.error.issues);
  throw new NomadError('config_invalid', `invalid config: ${message}`, { field, category: 'config' });
}

export const defaultConfig = (): Config => parseConfig({});

/**
 * Lays NOMAD_* variables over a raw config: NOMAD_INFLUX_URL sets influx.url, NOMAD_GENERAL_LOG_LEVEL sets
 * general.log_level. Segments are matched against the known keys, so keys with underscores resolve.
 * Values are read as JSON when they parse (numbers, booleans, arrays), else as strings.
 */
export function applyEnv(
  raw: Record<string, unknown>,
  env: Record<string, string | undefined>,
): Record<string, unknown> {
  const out = structuredClone(raw);
  const shape = defaultConfig() as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('NOMAD_') || value === undefined) continue;
    const path = resolvePath(name.slice(6).toLowerCase().split('_'), shape);
    if (!path) continue;
    let node = out;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = readEnvValue(value, valueAt(shape, path));
  }
  return out;
}

function resolvePath(segments: string[], shape: unknown): string[] | undefined {
  if (segments.length === 0) return [];
  if (typeof shape !== 'object' || shape === null || Array.isArray(shape)) return undefined;
  for (let n = segments.length; n >= 1; n--) {
    const key = segments.slice(0, n).join('_');
    if (!(key in shape)) continue;
    const rest = resolvePath(segments.slice(n), (shape as Record<string, unknown>)[key]);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

function valueAt(shape: Record<string, unknown>, path: string[]): unknown {
  return path.reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], shape);
}

/** Strings stay strings where the key is a string; other keys read JSON (numbers, booleans, lists). */
function readEnvValue(v: string, current: unknown): unknown {
  if (typeof current === 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
