// Writes wait while InfluxDB is down and arrive once when it is back: a real influxd started late on its port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../functions/_lib/deps.ts';
import { createInfluxClient } from '../functions/_lib/influx.ts';
import { int } from '../functions/_lib/line-protocol.ts';
import { startInfluxd } from '../wrangler-free-local/influxd.ts';
import { freePort } from '../wrangler-free-local/ports.ts';
import { freshDatabase, holdPort } from '../test/helpers/influx.ts';
import { createBatchWriter } from './writer.ts';

const points = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    measurement: 'w',
    tags: { k: String(i % 7) },
    fields: { i: int(from + i) },
    time: 1_700_000_000_000 + from + i,
  }));

describe('batch writer', () => {
  it('keeps points queued while InfluxDB is unreachable and delivers each once when it comes up', async () => {
    const port = await freePort();
    const held = await holdPort(port); // down, and the port stays ours until influxd takes it
    const store = createInfluxClient({ url: `http://127.0.0.1:${port}`, database: 'late' });
    const writer = createBatchWriter({ store, log: silentLogger, batchSize: 300 });
    writer.enqueue(points(1000));
    expect(await writer.flush()).toBe(false);
    writer.enqueue(points(500, 1000));
    expect(writer.stats()).toMatchObject({ queued: 1500, written: 0 });
    expect(writer.stats().failures).toBeGreaterThan(0);

    const dir = mkdtempSync(join(tmpdir(), 'nomad-late-influx-'));
    await held.release();
    const influxd = await startInfluxd({ dataDir: dir, port });
    try {
      await store.query('CREATE DATABASE "late"', { method: 'POST' });
      writer.start(50); // the writer's own timer retries; no manual flush
      const deadline = Date.now() + 20_000;
      while (writer.stats().queued > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await writer.stop();
      const rows = await store.rows('SELECT count(i) AS n, sum(i) AS s FROM w');
      expect(rows[0]?.n).toBe(1500);
      expect(rows[0]?.s).toBe((1499 * 1500) / 2);
      expect(writer.stats()).toMatchObject({ queued: 0, written: 1500, rejected: 0 });
    } finally {
      await influxd.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops the lines InfluxDB refused, keeps the good ones, and does not resend', async () => {
    const store = await freshDatabase('writer_partial');
    const writer = createBatchWriter({ store, log: silentLogger });
    await store.write('w i=1i 1');
    writer.enqueue([...points(3, 10), { measurement: 'w', fields: { i: 'not an int' }, time: 99 }]);
    expect(await writer.flush()).toBe(true);
    expect(writer.stats()).toMatchObject({ queued: 0, written: 3, rejected: 1 });
    expect((await store.rows('SELECT count(i) AS n FROM w'))[0]?.n).toBe(4);
  });
});
