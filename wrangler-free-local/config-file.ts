// Reads nomad.toml (smol-toml), lays NOMAD_* variables over it, validates, and watches for safe edits.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { type Config, applyEnv, parseConfig } from '../functions/_lib/config.ts';
import { NomadError } from '../functions/_lib/errors.ts';

export const defaultConfigPath = (env: NodeJS.ProcessEnv = process.env): string =>
  env.NOMAD_CONFIG ??
  (existsSync('nomad.toml') ? resolve('nomad.toml') : join(homedir(), '.config', 'nomad', 'nomad.toml'));

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NOMAD_GENERAL_DATA_DIR ?? env.NOMAD_DATA_DIR ?? join(homedir(), '.local', 'share', 'nomad');
}

/** Loads the config; a missing file means all defaults. Throws NomadError naming the key on a bad edit. */
export function loadConfig(path: string | undefined, env: NodeJS.ProcessEnv = process.env): Config {
  let raw: Record<string, unknown> = {};
  if (path && existsSync(path)) {
    try {
      raw = parseToml(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new NomadError('config_invalid', `${path}: ${(err as Error).message}`, {
        category: 'config',
        field: '(toml)',
      });
    }
  }
  const cfg = parseConfig(applyEnv(raw, env));
  if (!cfg.general.data_dir) cfg.general.data_dir = defaultDataDir(env);
  return cfg;
}

/** Reads <data_dir>/<name>, making it (32 random bytes, hex, mode 600) on first use. */
function localSecret(dataDir: string, name: string): string {
  const path = join(dataDir, name);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(path, 'utf8').trim();
}

/**
 * Secrets a one-box install needs with no setup, each from config when set, else from a file in data_dir made on
 * first use: the hooks' HMAC key (ingest.secret), the ack-link key (alerts.ack_secret), an API token (api.tokens).
 * Point NOMAD_SECRET_FILE in the hooks' hook.env at <data_dir>/ingest.secret; the CLI reads api.token.
 */
export function withGeneratedSecrets(cfg: Config): Config {
  const dir = cfg.general.data_dir;
  return {
    ...cfg,
    ingest: { ...cfg.ingest, secret: cfg.ingest.secret || localSecret(dir, 'ingest.secret') },
    alerts: { ...cfg.alerts, ack_secret: cfg.alerts.ack_secret || localSecret(dir, 'ack.secret') },
    api: { ...cfg.api, tokens: cfg.api.tokens.length ? cfg.api.tokens : [localSecret(dir, 'api.token')] },
  };
}

/** Keys whose change needs a restart: the rest (rules, notify targets, intervals, log level) apply live. */
const RESTART_KEYS: Array<(c: Config) => unknown> = [
  (c) => c.influx.url,
  (c) => c.influx.database,
  (c) => c.server.host,
  (c) => c.server.port,
  (c) => c.general.data_dir,
];

export function restartNeeded(a: Config, b: Config): boolean {
  return RESTART_KEYS.some((k) => JSON.stringify(k(a)) !== JSON.stringify(k(b)));
}

/**
 * Watches the file; on each change the new config is validated first, so a bad edit is reported
 * (key and reason) and the running config stays in force.
 */
export function watchConfig(
  path: string,
  env: NodeJS.ProcessEnv,
  onChange: (next: Config) => void,
  onError: (err: NomadError) => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  // Running on defaults with no config folder (the first `npm run up`): nothing to watch until `nomad init`.
  if (!existsSync(dirname(path))) return () => undefined;
  // Watch the folder, not the file: editors save by renaming a new file over the old one.
  const w = watch(dirname(path), { persistent: false }, (_event, name) => {
    if (name !== null && name !== basename(path)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        onChange(loadConfig(path, env));
      } catch (err) {
        onError(
          err instanceof NomadError ? err : new NomadError('config_invalid', String(err), { category: 'config' }),
        );
      }
    }, 100);
  });
  return () => {
    clearTimeout(timer);
    w.close();
  };
}
