// The foundation's speed goals: encoding, writing into influxd, and the local runner's idle cost.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInfluxClient } from '../functions/_lib/influx.ts';
import { type Point, encodePoint, encodePoints, int } from '../functions/_lib/line-protocol.ts';
import { readState } from '../wrangler-free-local/state-file.ts';
import { type BenchResult, best, withInfluxd } from './lib.ts';

/** A realistic node point: 4 tags, 10 fields of mixed types. */
export function nodePoint(i: number): Point {
  return {
    measurement: 'slurm_nodes',
    tags: { cluster: 'hpc1', host: `node${i % 1000}`, partition: i % 3 ? 'batch' : 'gpu', state: 'mixed' },
    fields: {
      cpus_total: int(64),
      cpus_alloc: int(i % 64),
      cpu_load: 12.34 + (i % 7),
      memory_total: int(515_396_075_520),
      memory_free: int(100_000_000_000 + i),
      memory_alloc: int(400_000_000_000),
      gpus_total: int(4),
      gpus_alloc: int(i % 5),
      reason: i % 100 ? '' : 'Kill task failed',
      drained: i % 100 === 0,
    },
    time: 1_700_000_000_000 + i,
  };
}

export async function benchEncode(): Promise<BenchResult> {
  const n = 1_000_000;
  const points = Array.from({ length: 10_000 }, (_, i) => nodePoint(i));
  // CPU time of this (single-threaded) process, so other load on the shared machine does not count against it.
  const rate = await best(5, () => {
    const t = process.cpuUsage();
    let bytes = 0;
    for (let i = 0; i < n; i++) bytes += encodePoint(points[i % points.length]!)!.length;
    const u = process.cpuUsage(t);
    if (bytes === 0) throw new Error('nothing encoded');
    return n / ((u.user + u.system) / 1e6);
  });
  return {
    name: 'line-protocol encoding, 10-field point, per CPU-second of one core',
    value: Math.round(rate),
    unit: 'points/s',
    goal: '>= 1,000,000',
    met: rate >= 1e6,
  };
}

/** Sends `bodies` with two writes in flight; returns points per second. */
async function sendAll(
  store: ReturnType<typeof createInfluxClient>,
  bodies: Iterable<string>,
  perBody: number,
): Promise<number> {
  const t = process.hrtime.bigint();
  let n = 0;
  let inflight: Promise<unknown>[] = [];
  for (const body of bodies) {
    inflight.push(store.write(body));
    n += perBody;
    if (inflight.length >= 2) {
      await Promise.all(inflight);
      inflight = [];
    }
  }
  await Promise.all(inflight);
  return n / (Number(process.hrtime.bigint() - t) / 1e9);
}

export async function benchWrite(): Promise<BenchResult[]> {
  return withInfluxd(async (d) => {
    const total = 300_000;
    const batch = 10_000;
    const run = async (db: string, encodeInLoop: boolean) => {
      const store = createInfluxClient({ url: d.url, database: db });
      await store.query(`CREATE DATABASE "${db}"`, { method: 'POST' });
      let k = 0;
      const body = () => encodePoints(Array.from({ length: batch }, () => nodePoint(k++)));
      const pre = encodeInLoop ? [] : Array.from({ length: total / batch }, body);
      function* bodies() {
        for (let i = 0; i < total / batch; i++) yield encodeInLoop ? body() : pre[i]!;
      }
      const rate = await sendAll(store, bodies(), batch);
      const stored = Number((await store.rows('SELECT count(cpus_total) AS n FROM slurm_nodes'))[0]?.n);
      if (stored !== total) throw new Error(`stored ${stored} of ${total}`);
      return rate;
    };
    const ceiling = await run('bench_ceiling', false);
    const module = await run('bench_module', true);
    return [
      {
        name: 'influxd ingest ceiling: pre-encoded 10-field points, 10,000-line batches',
        value: Math.round(ceiling),
        unit: 'points/s',
        goal: '(reference)',
        met: true,
        notes: `${Math.round(ceiling * 10)} field values/s`,
      },
      {
        name: 'writes through the module (encode + batch + POST), 10-field points',
        value: Math.round(module),
        unit: 'points/s',
        goal: '>= 200,000',
        met: module >= 200_000,
        notes: `${Math.round(module * 10)} field values/s; ${((100 * module) / ceiling).toFixed(0)}% of the ceiling`,
      },
    ];
  });
}

function procStats(pid: number): { cpuTicks: number; rssKb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const cpuTicks = Number(stat[11]) + Number(stat[12]); // utime + stime
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuTicks, rssKb: Number(rss?.[1] ?? 0) };
}

/** One idle runner: RSS and CPU over `seconds`, with or without the shim's collectors in the same process. */
async function idleOnce(url: string, seconds: number, withShim: boolean): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nomad-bench-idle-'));
  const config = join(dir, 'nomad.toml');
  writeFileSync(
    config,
    `[general]\ndata_dir = "${dir}"\nlog_file = "${dir}/nomad.log"\n[influx]\nurl = "${url}"\n[server]\nport = 0\n`,
  );
  const bin = fileURLToPath(new URL('../../bin/nomad.js', import.meta.url));
  const args = [bin, 'start', '--config', config, ...(withShim ? [] : ['--no-shim'])];
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  const what = withShim ? 'runner + shim (disk every 60 s)' : 'runner alone (--no-shim)';
  try {
    while (!readState(dir)) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 5000)); // past start-up
    const a = procStats(child.pid!);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const b = procStats(child.pid!);
    const cpuPct = ((b.cpuTicks - a.cpuTicks) / 100 / seconds) * 100; // USER_HZ = 100
    return [
      {
        name: `idle RSS, ${what}, default schedules, ${seconds} s`,
        value: Math.round(b.rssKb / 1024),
        unit: 'MB',
        goal: '<= 80',
        met: b.rssKb / 1024 <= 80,
      },
      {
        name: `idle CPU, ${what}, default schedules, ${seconds} s`,
        value: Number(cpuPct.toFixed(3)),
        unit: '% of one core',
        goal: '<= 0.5',
        met: cpuPct <= 0.5,
      },
    ];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function benchIdle(seconds = 120): Promise<BenchResult[]> {
  return withInfluxd(async (d) => [
    ...(await idleOnce(d.url, seconds, false)),
    ...(await idleOnce(d.url, seconds, true)),
  ]);
}
