// `nomad disk|queue|nodes|licenses|zfs`: the current state from InfluxDB, as tables or --json.
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import { ident, literal } from '../../functions/_lib/influxql.ts';

export interface View {
  name: string;
  description: string;
  measurement: string;
  /** Tags that make one row. */
  by: string[];
  /** Fields to show first, in this order; other last values follow with --all. */
  columns: string[];
  /** A second measurement whose last fields join the same rows (e.g. disk trends), renamed as `columns` says. */
  join?: { measurement: string; where: string; columns: Record<string, string> };
}

export const views: View[] = [
  {
    name: 'disk',
    description: 'filesystems: use, inodes, fill rate and projected time to full',
    measurement: 'disk',
    by: ['host', 'path'],
    columns: ['used_percent', 'used', 'total', 'inodes_used_percent'],
    join: {
      measurement: 'nomad_trend',
      where: `"rule" = 'disk_full_within'`,
      columns: { rate_per_hour: 'bytes_per_hour', value: 'hours_to_full' },
    },
  },
  {
    name: 'queue',
    description: 'jobs by partition, state and reason, with pending wait',
    measurement: 'slurm_queue',
    by: ['partition', 'state', 'reason'],
    columns: ['jobs', 'cpus', 'nodes', 'wait_max_s'],
  },
  {
    name: 'nodes',
    description: 'node state, CPUs, load and memory',
    measurement: 'slurm_nodes',
    by: ['name', 'state'],
    columns: ['alloc_cpus', 'cpus', 'cpu_load', 'alloc_memory_bytes', 'memory_bytes', 'gpus_used', 'gpus', 'reason'],
  },
  {
    name: 'licenses',
    description: 'license features: seats issued, used, reserved, days to expiry',
    measurement: 'license_feature',
    by: ['license', 'type', 'feature', 'version'],
    columns: ['issued', 'used', 'reserved', 'free', 'users', 'days_to_expiry'],
  },
  {
    name: 'zfs',
    description: 'ZFS pools: health, capacity, fragmentation, dedup',
    measurement: 'zfs_pool',
    by: ['host', 'pool', 'health'],
    columns: ['capacity', 'size', 'allocated', 'free', 'fragmentation', 'dedupratio'],
  },
];

export const findView = (name: string) => views.find((v) => v.name === name);

async function lastValues(
  store: InfluxClient,
  measurement: string,
  by: string[],
  opts: { cluster?: string; window: string; where?: string },
) {
  const where = [`time > now() - ${opts.window}`, ...(opts.where ? [opts.where] : [])];
  if (opts.cluster) where.push(`"cluster" = ${literal(opts.cluster)}`);
  const [series = []] = await store.query(
    `SELECT last(*) FROM ${ident(measurement)} WHERE ${where.join(' AND ')} GROUP BY ${by.map(ident).join(', ')}`,
  );
  return series.map((s) => {
    const row: Record<string, unknown> = { ...s.tags };
    s.columns.forEach((c, i) => {
      if (c !== 'time') row[c.replace(/^last_/, '')] = s.values[0]?.[i] ?? null;
    });
    return row;
  });
}

/** One row per tag set, last values within the window; joined fields where the view has a join. */
export async function readView(
  store: InfluxClient,
  v: View,
  opts: { cluster?: string; window?: string; all?: boolean },
) {
  const window = opts.window ?? '15m';
  const rows = await lastValues(store, v.measurement, v.by, { cluster: opts.cluster, window });
  if (v.join) {
    const extra = await lastValues(store, v.join.measurement, v.by, {
      cluster: opts.cluster,
      window,
      where: v.join.where,
    });
    const key = (r: Record<string, unknown>) => v.by.map((b) => String(r[b] ?? '')).join('\u0000');
    const byKey = new Map(extra.map((r) => [key(r), r]));
    for (const r of rows)
      for (const [src, dst] of Object.entries(v.join.columns)) r[dst] = byKey.get(key(r))?.[src] ?? null;
  }
  const cols = [...v.by, ...v.columns, ...Object.values(v.join?.columns ?? {})];
  return { columns: opts.all ? [...new Set([...cols, ...rows.flatMap((r) => Object.keys(r))])] : cols, rows };
}
