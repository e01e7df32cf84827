// Each test file gets its own database on the suite's real influxd, so files run in parallel without sharing data.
import { inject } from 'vitest';
import { type InfluxClient, createInfluxClient } from '../../functions/_lib/influx.ts';

let n = 0;

export async function freshDatabase(prefix: string): Promise<InfluxClient> {
  const database = `${prefix.replace(/[^A-Za-z0-9_]/g, '_')}_${process.pid}_${Date.now()}_${n++}`;
  const store = createInfluxClient({ url: inject('influxUrl'), database, retry: { attempts: 1 } });
  await store.query(`CREATE DATABASE "${database}"`, { method: 'POST' });
  return store;
}

export const influxUrl = (): string => inject('influxUrl');

/**
 * Keeps a loopback port for an InfluxDB that is "down": connections are accepted and dropped at once, and no
 * other test can take the port meanwhile. Release it just before starting influxd there.
 */
export async function holdPort(port: number): Promise<{ release(): Promise<void> }> {
  const { createServer } = await import('node:net');
  const srv = createServer((sock) => sock.destroy());
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve());
  });
  return { release: () => new Promise<void>((r) => srv.close(() => r())) };
}
