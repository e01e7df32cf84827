// Small helpers shared by the benchmarks: timing, a throwaway influxd, and a result line.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedInfluxd, startInfluxd } from '../wrangler-free-local/influxd.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal: string;
  met: boolean;
  notes?: string;
}

export const machine = () => `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;

export async function withInfluxd<T>(fn: (d: EmbeddedInfluxd) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'nomad-bench-influx-'));
  const d = await startInfluxd({ dataDir: dir });
  try {
    return await fn(d);
  } finally {
    await d.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Best of `rounds` runs, to read through the noise of a shared machine. */
export async function best(rounds: number, run: () => Promise<number> | number): Promise<number> {
  let top = 0;
  for (let i = 0; i < rounds; i++) top = Math.max(top, await run());
  return top;
}
