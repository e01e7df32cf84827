// kill -9 of the real `nomad-shim run` while InfluxDB is down: everything it had spooled arrives, once, after a restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfluxClient } from '../../functions/_lib/influx.ts';
import { startInfluxd } from '../../wrangler-free-local/influxd.ts';
import { freePort } from '../../wrangler-free-local/ports.ts';
import { repoRoot } from '../helpers/cli.ts';
import { holdPort } from '../helpers/influx.ts';
import { type SmallFs, mountTmpfs } from '../helpers/tmpfs.ts';

const spooledDiskLines = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.lp'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter((l) => l.startsWith('disk,'));
  } catch {
    return [];
  }
};
const until = async (cond: () => boolean | Promise<boolean>, ms: number, what: string) => {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('nomad-shim killed with SIGKILL', () => {
  let fs: SmallFs;
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    fs = mountTmpfs(8);
    dir = mkdtempSync(join(tmpdir(), 'nomad-shimkill-'));
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    fs?.unmount();
  });

  it('loses nothing it had spooled and doubles nothing on replay', async () => {
    const port = await freePort();
    const config = join(dir, 'nomad.toml');
    writeFileSync(
      config,
      `[general]\ndata_dir = "${dir}"\nlog_level = "silent"\n[influx]\nurl = "http://127.0.0.1:${port}"\n` +
        `[collectors]\npush_interval = "1s"\n[collectors.disk]\ninterval = "1s"\ninclude_paths = ["${fs.path}"]\n`,
    );
    const run = () => {
      const c = spawn(process.execPath, [`${repoRoot}/bin/nomad-shim.js`, 'run', '--config', config], {
        stdio: 'ignore',
      });
      children.push(c);
      return c;
    };
    const spool = join(dir, 'spool');
    const down = await holdPort(port); // InfluxDB is "down", and no other test can take its port meanwhile
    const first = run();
    await until(() => spooledDiskLines(spool).length >= 4, 30_000, 'four disk points in the spool');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const spooled = spooledDiskLines(spool);

    const influxDir = mkdtempSync(join(tmpdir(), 'nomad-shimkill-influx-'));
    await down.release();
    const influxd = await startInfluxd({ dataDir: influxDir, port });
    try {
      const store = createInfluxClient({ url: influxd.url, database: 'nomad' });
      await store.query('CREATE DATABASE nomad', { method: 'POST' });
      const second = run();
      const count = async () => Number((await store.rows('SELECT count(used) AS n FROM disk'))[0]?.n ?? 0);
      await until(async () => (await count()) >= spooled.length + 1, 30_000, 'the replay and a fresh point');
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
      // Every spooled point arrives at its original time (a replayed line rewrites the same point, so a crash
      // between a write and its cursor update cannot double one).
      const times = (await store.rows('SELECT used FROM disk')).map((r) => r.time);
      const spooledTimes = spooled.map((l) => Number(l.split(' ').at(-1)));
      expect(spooledTimes.length).toBeGreaterThanOrEqual(4);
      for (const t of spooledTimes) expect(times).toContain(t);
    } finally {
      await influxd.stop();
      rmSync(influxDir, { recursive: true, force: true });
    }
  });
});
