// Every host parser's output on its real fixtures, written to the suite's real InfluxDB in one database: InfluxDB
// must store every line (valid line protocol, no field-type conflict between parsers that share a measurement)
// and give back the values it was sent.
import { describe, expect, it } from 'vitest';
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import { freshDatabase } from '../../../test/helpers/influx.ts';
import { cgroupParser } from './cgroup.ts';
import { hostParsers } from './list.ts';
import { ctx, fixture, fixturePath } from './testing.ts';

const INPUTS: Record<string, string[]> = {
  'nvidia-smi-csv': [
    'nvidia-smi-query-gpu-csv.nvidia_gpu_exporter-h100-80gb-hbm3-idle.csv',
    'nvidia-smi-query-gpu-csv.nvidia_gpu_exporter-h100-80gb-hbm3-load.csv',
    'nvidia-smi-query-gpu-csv.nvidia_gpu_exporter-l40s-idle.csv',
  ],
  'nvidia-smi-xml': ['nvidia-smi-q-x.telegraf-a100-sxm4-80gb.xml', 'nvidia-smi-q-x.telegraf-tesla-t4.xml'],
  sensors: ['sensors-A-u.telegraf-dual-socket-server.txt', 'captured-host/sensors-A-u.lm-sensors-3.6.0-fake-hwmon.txt'],
  'sensors-json': ['captured-host/sensors-j-2and1.lm-sensors-3.6.0-fake-hwmon.txt'],
  lmstat: [
    'lmstat-a.flexlm_exporter-app1-3server-triad.txt',
    'lmstat-a.flexlm_exporter-app2.txt',
    'lmstat-a.flexlm_exporter-server-down.txt',
    'lmstat-i.flexlm_exporter-app1.txt',
  ],
  rlmstat: ['rlmstat-a.license-manager-csci-converge.txt', 'rlmstat-a.license-manager-connect-error.txt'],
  'zpool-status': [
    'zpool-status.jc-pool1-mirrors.txt',
    'zpool-status.zpool-status-exporter-degraded-unavail-cksum.txt',
    'zpool-status.zpool-status-exporter-scrub-in-progress.txt',
  ],
  'zpool-list': ['zpool-list-Hp.telegraf-freenas.txt'],
  'zpool-iostat': ['zpool-iostat-v.jc.txt'],
  arcstats: ['arcstats.telegraf-linux-openzfs.txt'],
  iostat: ['iostat-x.jc-ubuntu-20.10.txt', 'captured-host/iostat-x.debian12-vm.txt'],
  quota: [
    'captured-host/quota-vwp-u-nobody.quota-4.06-loop-ext4.txt',
    'captured-host/quota-v-u-www-data.quota-4.06-loop-ext4.txt',
  ],
  repquota: [
    'captured-host/repquota-augvp.quota-4.06-loop-ext4.txt',
    'captured-host/repquota-ugs.quota-4.06-loop-ext4.txt',
  ],
};

describe('host parsers against a real InfluxDB', () => {
  it('covers every registered host parser', () => {
    expect(Object.keys(INPUTS).sort()).toEqual(
      hostParsers
        .map((p) => p.name)
        .filter((n) => n !== 'cgroup')
        .sort(),
    );
  });

  it('stores every point of every parser in one database, with no rejected line', async () => {
    const store = await freshDatabase('host_parsers');
    const points: Point[] = [];
    let t = ctx.now;
    for (const [name, files] of Object.entries(INPUTS)) {
      const parser = hostParsers.find((p) => p.name === name)!;
      // One timestamp per file, so fixtures that share tags do not overwrite each other.
      for (const f of files) points.push(...parser.parse(fixture(f), { ...ctx, now: (t += 1000) }).points);
    }
    points.push(
      ...cgroupParser.parse(fixturePath('cgroup2-job_4/system.slice/slurmstepd.scope/job_4'), {
        ...ctx,
        now: (t += 1000),
      }).points,
    );
    const dirs = ['memory', 'cpuacct', 'blkio'].map((c) =>
      fixturePath(`cgroup1-job_42/${c}/nomad-host-capture/uid_0/job_42`),
    );
    points.push(...cgroupParser.parse(dirs.join('\n'), { ...ctx, now: (t += 1000) }).points);
    const res = await store.write(points);
    expect(res.rejected).toEqual([]);
    expect(res.lines).toBe(points.length);

    const count = async (m: string) => (await store.rows(`SELECT count(*) FROM "${m}"`)).length;
    for (const m of new Set(points.map((p) => p.measurement))) expect([m, await count(m)]).toEqual([m, 1]);
    const [gpu] = await store.rows(`SELECT memory_total, power_draw FROM nvidia_smi WHERE "name" = 'NVIDIA L40S'`);
    expect(gpu).toMatchObject({ memory_total: 46068, power_draw: 144.97 });
    const [job] = await store.rows('SELECT job_id, oom_kills FROM nomad_job_cgroup WHERE job_id = 42');
    expect(job).toMatchObject({ job_id: 42, oom_kills: 1 });
    const users = await store.rows(`SELECT seats FROM license_user WHERE "user" = 'Jane Doe Jr.'`);
    expect(users).toHaveLength(1);
  });
});
