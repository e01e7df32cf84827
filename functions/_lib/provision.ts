// Applies a declared InfluxDB layout (database, retention policies, continuous queries) idempotently.
import { z } from 'zod';
import { NomadError, describeIssues } from './errors.ts';
import type { InfluxClient } from './influx.ts';

const ident = z.string().regex(/^[A-Za-z0-9_]+$/, 'letters, digits and _ only');
const influxDur = z.string().regex(/^(\d+[smhdw])+$|^INF$/, 'an InfluxQL duration such as 30d');

export const provisionSchema = z
  .object({
    retention_policies: z
      .array(
        z
          .object({
            name: ident,
            duration: influxDur,
            shard_duration: influxDur.optional(),
            default: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    continuous_queries: z
      .array(
        z
          .object({
            name: ident,
            query: z.string().min(1),
            resample_every: influxDur.optional(),
            resample_for: influxDur.optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type Provision = z.infer<typeof provisionSchema>;

export function parseProvision(raw: unknown): Provision {
  const r = provisionSchema.safeParse(raw);
  if (r.success) return r.data;
  const { field, message } = describeIssues(r.error.issues);
  throw new NomadError('config_invalid', `invalid InfluxDB provisioning: ${message}`, { field, category: 'config' });
}

/** Returns the statements it ran, so a second call on an unchanged layout runs none but CREATE DATABASE. */
export async function applyProvision(store: InfluxClient, db: string, p: Provision): Promise<string[]> {
  const ran: string[] = [];
  const exec = async (q: string) => {
    ran.push(q);
    await store.query(q, { database: db, method: 'POST' });
  };
  await exec(`CREATE DATABASE "${db}"`);
  const [rpSeries = []] = await store.query(`SHOW RETENTION POLICIES ON "${db}"`, { database: db });
  const existing = new Map<string, { duration: string; shard: string; isDefault: boolean }>();
  for (const s of rpSeries)
    for (const v of s.values)
      existing.set(String(v[0]), { duration: String(v[1]), shard: String(v[2]), isDefault: v[4] === true });
  for (const rp of p.retention_policies) {
    const shard = rp.shard_duration ? ` SHARD DURATION ${rp.shard_duration}` : '';
    const def = rp.default ? ' DEFAULT' : '';
    const cur = existing.get(rp.name);
    const body = `ON "${db}" DURATION ${rp.duration} REPLICATION 1${shard}${def}`;
    if (!cur) await exec(`CREATE RETENTION POLICY "${rp.name}" ${body}`);
    else if (
      !sameDuration(cur.duration, rp.duration) ||
      (rp.shard_duration && !sameDuration(cur.shard, rp.shard_duration)) ||
      cur.isDefault !== rp.default
    )
      await exec(`ALTER RETENTION POLICY "${rp.name}" ${body}`);
  }
  const [cqSeries = []] = await store.query('SHOW CONTINUOUS QUERIES', { database: db });
  const cqs = new Map<string, string>();
  for (const s of cqSeries) if (s.name === db) for (const v of s.values) cqs.set(String(v[0]), String(v[1]));
  for (const cq of p.continuous_queries) {
    const resample =
      cq.resample_every || cq.resample_for
        ? ` RESAMPLE${cq.resample_every ? ` EVERY ${cq.resample_every}` : ''}${cq.resample_for ? ` FOR ${cq.resample_for}` : ''}`
        : '';
    const select = cq.query.replaceAll('${db}', db);
    const stmt = `CREATE CONTINUOUS QUERY "${cq.name}" ON "${db}"${resample} BEGIN ${select} END`;
    const cur = cqs.get(cq.name);
    if (cur !== undefined && normalise(cur) === normalise(stmt)) continue;
    if (cur !== undefined) await exec(`DROP CONTINUOUS QUERY "${cq.name}" ON "${db}"`);
    await exec(stmt);
  }
  return ran;
}

/** InfluxDB prints durations as 720h0m0s; compare in seconds. */
export function durationSeconds(d: string): number {
  if (d === 'INF' || d === '0s') return 0;
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  for (const m of d.matchAll(/(\d+)([smhdw])/g)) total += Number(m[1]) * (unit[m[2] ?? 's'] ?? 0);
  return total;
}
const sameDuration = (a: string, b: string) => durationSeconds(a) === durationSeconds(b);
const normalise = (q: string) => q.replace(/["\s]/g, '').toLowerCase();
