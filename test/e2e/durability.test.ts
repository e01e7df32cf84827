// InfluxDB stopped during collection and started again; the shim restarted while it is down: nothing lost, nothing doubled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/_lib/config.ts';
import { silentLogger } from '../../functions/_lib/deps.ts';
import { createInfluxClient } from '../../functions/_lib/influx.ts';
import { execCommand } from '../../collectors-shim/exec.ts';
import { createShim } from '../../collectors-shim/shim.ts';
import { openSpool } from '../../collectors-shim/spool.ts';
import { createBatchWriter } from '../../collectors-shim/writer.ts';
import { type EmbeddedInfluxd, startInfluxd } from '../../wrangler-free-local/influxd.ts';
import { freePort } from '../../wrangler-free-local/ports.ts';
import { holdPort } from '../helpers/influx.ts';
import { type SmallFs, mountTmpfs } from '../helpers/tmpfs.ts';

describe('durability when InfluxDB goes away', () => {
  let fs: SmallFs;
  let influxDir: string;
  let port: number;
  let influxd: EmbeddedInfluxd | undefined;

  beforeAll(async () => {
    fs = mountTmpfs(16);
    influxDir = mkdtempSync(join(tmpdir(), 'nomad-dur-influx-'));
    port = await freePort();
    influxd = await startInfluxd({ dataDir: influxDir, port });
  });
  afterAll(async () => {
    await influxd?.stop();
    fs?.unmount();
    rmSync(influxDir, { recursive: true, force: true });
  });

  it('spools while influxd is stopped, survives a shim restart, and replays every point once', async () => {
    const store = createInfluxClient({ url: `http://127.0.0.1:${port}`, database: 'dur', retry: { attempts: 1 } });
    await store.query('CREATE DATABASE dur', { method: 'POST' });
    const spoolDir = mkdtempSync(join(tmpdir(), 'nomad-dur-spool-'));
    const config = parseConfig({ collectors: { disk: { include_paths: [fs.path] } } });
    let clock = Date.UTC(2026, 10, 1);
    const makeShim = () => {
      const spool = openSpool({ dir: spoolDir });
      const writer = createBatchWriter({ store, log: silentLogger, queue: spool });
      const shim = createShim({
        config: () => config,
        writer,
        exec: execCommand,
        log: silentLogger,
        now: () => clock,
        host: 'h',
      });
      return { spool, writer, shim };
    };
    let s = makeShim();
    const cycle = async () => {
      await s.shim.runOnce('disk');
      await s.writer.flush();
      clock += 60_000;
    };
    for (let i = 0; i < 5; i++) await cycle();
    await influxd!.stop(); // down
    const held = await holdPort(port); // nobody else takes the port while it is down
    for (let i = 0; i < 5; i++) await cycle();
    expect(s.writer.stats().queued).toBe(10); // 5 disk + 5 collector-health points wait on disk
    s.spool.close(); // the shim process ends while InfluxDB is down...
    s = makeShim(); // ...and a new one starts from the same spool
    expect(s.spool.size).toBe(10);
    for (let i = 0; i < 5; i++) await cycle();
    await held.release();
    influxd = await startInfluxd({ dataDir: influxDir, port }); // back
    for (let i = 0; i < 5; i++) await cycle();
    expect(s.writer.stats().queued).toBe(0);
    s.spool.close();

    const disk = await store.rows('SELECT count(used) AS n FROM disk');
    const health = await store.rows('SELECT count(duration_ms) AS n FROM nomad_collector');
    expect(disk[0]?.n).toBe(20);
    expect(health[0]?.n).toBe(20);
    // The original timestamps: one point per minute, none shifted to replay time.
    const times = (await store.rows('SELECT used FROM disk')).map((r) => r.time);
    expect(times).toEqual(Array.from({ length: 20 }, (_, i) => Date.UTC(2026, 10, 1) + i * 60_000));
  });
});
