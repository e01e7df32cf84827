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
