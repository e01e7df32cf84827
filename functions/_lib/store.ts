// The InfluxDB client a config describes: URL, database, retention policy, auth (none, user/password or token).
import type { Config } from './config.ts';
import { type InfluxClient, createInfluxClient } from './influx.ts';

export function storeFromConfig(cfg: Config, url = cfg.influx.url, fetchImpl?: typeof fetch): InfluxClient {
  const f = cfg.influx;
  const auth = f.token
    ? { kind: 'token' as const, token: f.token }
    : f.username
      ? { kind: 'basic' as const, username: f.username, password: f.password }
      : { kind: 'none' as const };
  return createInfluxClient({
    url,
    database: f.database,
    retentionPolicy: f.retention_policy || undefined,
    auth,
    timeoutMs: f.timeout,
    fetch: fetchImpl,
  });
}
