// provisioning/grafana: the files parse, every rule is well-formed, names what docs/metrics*.md documents, and every
// InfluxQL query runs on a real InfluxDB and finds the series it is about in data shaped like NOMAD's.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import { freshDatabase } from '../helpers/influx.ts';

const root = new URL('../../provisioning/grafana/', import.meta.url);
const read = (p: string) => load(readFileSync(new URL(p, root), 'utf8')) as Record<string, unknown>;
const docs = ['metrics.md'].map((f) => readFileSync(new URL(`../../docs/${f}`, import.meta.url), 'utf8')).join('\n');

interface Query {
  refId: string;
  datasourceUid: string;
  relativeTimeRange?: { from: number; to: number };
  model: { refId: string; type?: string; expression?: string; query?: string };
}
interface Rule {
  uid: string;
  title: string;
  condition: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  data: Query[];
}
const rules = (read('alerting/rules.yaml').groups as Array<{ folder: string; rules: Rule[] }>).flatMap((g) => g.rules);
const influxQueries = rules.flatMap((r) =>
  r.data.filter((d) => d.datasourceUid === 'nomad-influxdb').map((d) => ({ rule: r, q: d })),
);

describe('Grafana provisioning files', () => {
  it('cover NOMAD default rules with well-formed rules', () => {
    expect(rules.map((r) => r.title).sort()).toEqual(
      [
        'collector_failing',
        'collector_stale',
        'disk_full_within',
        'disk_used_percent',
        'function_stale',
        'gpu_ecc_uncorrected',
        'gpu_temperature',
        'inodes_used_percent',
        'job_failure_rate_rising',
        'license_expiring',
        'license_seats_exhausted',
        'node_down',
        'node_drained',
        'pending_backlog_growing',
        'quota_full_within',
        'zfs_checksum_errors_growing',
        'zfs_pool_not_online',
      ].sort(),
    );
    expect(new Set(rules.map((r) => r.uid)).size).toBe(rules.length);
    for (const r of rules) {
      const refs = new Set(r.data.map((d) => d.refId));
      expect(refs.has(r.condition), `${r.uid}: condition`).toBe(true);
      expect(r.uid.length, r.uid).toBeLessThanOrEqual(40);
      expect(r.labels.severity, r.uid).toMatch(/^(info|warning|critical)$|critical|warning/);
      expect(refs.has(r.annotations.nomad_value_ref!), `${r.uid}: nomad_value_ref`).toBe(true);
      for (const d of r.data) {
        expect(['nomad-influxdb', '__expr__'], r.uid).toContain(d.datasourceUid);
        expect(d.model.refId).toBe(d.refId);
        if (d.datasourceUid !== '__expr__') continue;
        // Every $REF of an expression is a query or expression of the same rule.
        const used =
          d.model.type === 'reduce'
            ? [d.model.expression!]
            : [...d.model.expression!.matchAll(/\$(\w+)/g)].map((m) => m[1]!);
        for (const u of used) expect(refs.has(u), `${r.uid}.${d.refId} uses ${u}`).toBe(true);
      }
    }
  });

  it('name only measurements, fields and tags that docs/metrics*.md documents', () => {
    for (const { rule, q } of influxQueries) {
      for (const [, name] of q.model.query!.matchAll(/"([^"]+)"/g))
        expect(docs, `${rule.uid}: "${name}"`).toContain(name!);
    }
  });

  it('post to the notify function with a bearer token, from a policy that routes to it; datasource uid matches', () => {
    const cp = read('alerting/contact-points.yaml').contactPoints as Array<{
      name: string;
      receivers: Array<{ type: string; settings: Record<string, string> }>;
    }>;
    expect(cp[0]!.receivers[0]).toMatchObject({
      type: 'webhook',
      settings: { url: 'http://127.0.0.1:8787/notify/grafana', httpMethod: 'POST', authorization_scheme: 'Bearer' },
    });
    expect((read('alerting/policies.yaml').policies as Array<{ receiver: string }>)[0]!.receiver).toBe(cp[0]!.name);
    expect((read('datasources/nomad.yaml').datasources as Array<Record<string, unknown>>)[0]).toMatchObject({
      uid: 'nomad-influxdb',
      type: 'influxdb',
      jsonData: { version: 'InfluxQL', dbName: 'nomad' },
    });
  });
});

describe('the rules’ InfluxQL on a real InfluxDB', () => {
  let store: InfluxClient;
  beforeAll(async () => {
    store = await freshDatabase('grafana_rules');
    const t = Date.now();
    const at = (minAgo: number) => (t - minAgo * 60_000).toString();
    const lines: string[] = [];
    for (const m of [240, 120, 60, 1]) {
      const used = 90_000 + (240 - m) * 20;
      lines.push(
        `disk,cluster=hpc1,host=n1,path=/scratch used=${used}i,free=${100_000 - used}i,used_percent=${used / 1000},inodes_used_percent=99 ${at(m)}`,
      );
      lines.push(
        `quota,cluster=hpc1,host=n1,device=/dev/sda1,type=user,name=alice space_used=${used}i,space_hard=100000i ${at(m)}`,
      );
      lines.push(`zfs_pool_status,cluster=hpc1,host=n1,pool=tank state_code=1i,checksum_errors=${240 - m}i ${at(m)}`);
      lines.push(`slurm_jobs,cluster=hpc1 pending=${300 - m}i ${at(m)}`);
    }
    lines.push(
      `slurm_nodes,cluster=hpc1,name=n3,state=down cpus=4i,responding=false,drain=true ${at(1)}`,
      `nvidia_smi,cluster=hpc1,host=g1,index=0 temperature_gpu=93i,ecc_errors_uncorrected_volatile_total=2i ${at(1)}`,
      `license_feature,cluster=hpc1,license=ansys,type=flexlm,feature=cfd days_to_expiry=5i,free=0i ${at(1)}`,
      `slurm_job,cluster=hpc1,partition=p,state=failed,account=a,qos=normal,slot=0 job_id_raw=1i ${at(10)}`,
      `slurm_job,cluster=hpc1,partition=p,state=completed,account=a,qos=normal,slot=0 job_id_raw=2i ${at(11)}`,
      `nomad_collector,cluster=hpc1,host=n1,collector=disk duration_ms=5i,ok=false ${at(1)}`,
      `nomad_function_run,cluster=hpc1,function=alerts,task=evaluate duration_ms=5i,ok=true ${at(50)}`,
    );
    await store.write(lines.join('\n'));
  });

  it('every query parses, runs, and finds the series it watches', async () => {
    for (const { rule, q } of influxQueries) {
      const range = q.relativeTimeRange!;
      const sql = q.model.query!.replace('$timeFilter', `time > now() - ${range.from}s`);
      const [series = []] = await store.query(sql);
      expect(series.length, `${rule.uid}.${q.refId}: ${sql}`).toBeGreaterThan(0);
    }
  });

  it('a function that stopped reporting shows as 0 runs in the latest bucket (the stale rules)', async () => {
    const q = influxQueries.find((x) => x.rule.uid === 'nomad-function-stale')!.q;
    const [series = []] = await store.query(q.model.query!.replace('$timeFilter', 'time > now() - 3600s'));
    const values = series[0]!.values;
    expect(values.some((v) => v[1] === 1)).toBe(true);
    expect(values.at(-1)![1]).toBe(0);
  });
});
