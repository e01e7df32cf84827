// The same slice under the local runner's own croner schedules, over HTTP, with config hot reload.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../functions/_lib/notify/types.ts';
import { type Stack, startStack } from '../../wrangler-free-local/stack.ts';
import { readState } from '../../wrangler-free-local/state-file.ts';
import { influxUrl } from '../helpers/influx.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { type SmallFs, mountTmpfs } from '../helpers/tmpfs.ts';

describe('local runner', () => {
  let fs: SmallFs;
  let receiver: Receiver;
  let stack: Stack;
  let dir: string;
  let configPath: string;
  const database = `runner_${process.pid}_${Date.now()}`;
  const toml = (cooldown: string, extra = '') => `
[general]
cluster = "box"
data_dir = "${dir}"
log_level = "warn"
log_file = "${join(dir, 'nomad.log')}"
[influx]
url = "${influxUrl()}"
database = "${database}"
[server]
port = 0
[schedules]
"alerts.evaluate" = "* * * * * *"
"notify.deliver" = "* * * * * *"
[collectors]
push_interval = "1s"
[collectors.disk]
interval = "1s"
include_paths = ["${fs.path}"]
[alerts]
cooldown = "${cooldown}"
[[alerts.rules]]
id = "disk_full_within"
kind = "derivative"
measurement = "disk"
field = "used"
group_by = ["host", "path"]
metric = "hours_to_limit"
limit = "used+free"
levels = { warning = 48, critical = 24 }
window = "10m"
resolution = "1s"
message = "{{path}} full in {{value}} h"
[[notify.webhooks]]
name = "ops"
url = "${receiver.url}"
secret = "k"
${extra}`;

  beforeAll(async () => {
    fs = mountTmpfs(64);
    receiver = await startReceiver();
    dir = mkdtempSync(join(tmpdir(), 'nomad-runner-'));
    configPath = join(dir, 'nomad.toml');
    writeFileSync(configPath, toml('10m'));
    stack = await startStack({ configPath });
  });
  afterAll(async () => {
    await stack?.stop();
    fs?.unmount();
    await receiver?.close();
  });

  it('collects, evaluates on its schedule and delivers the projection alert', async () => {
    // 2 MiB every 400 ms on 64 MiB: full within minutes, far inside the 24 h critical limit.
    const grow = setInterval(() => fs.grow(`g${Date.now()}`, 2), 400);
    try {
      const hit = await receiver.waitFor((r) => (r.json as AlertEvent).rule === 'disk_full_within', 45_000);
      expect(hit.json).toMatchObject({
        state: 'firing',
        severity: 'critical',
        cluster: 'box',
        series: { tags: { path: fs.path } },
      });
    } finally {
      clearInterval(grow);
    }
  });

  it('lists every function, schedule and last run at /healthz, and fires a schedule by hand', async () => {
    const health = (await (await fetch(`${stack.url}/healthz`)).json()) as {
      functions: Array<{
        name: string;
        schedules: Array<{ task: string; cron: string; last_run: { ok: boolean } | null }>;
      }>;
    };
    const alerts = health.functions.find((f) => f.name === 'alerts');
    expect(alerts?.schedules[0]).toMatchObject({ task: 'evaluate', cron: '* * * * * *', last_run: { ok: true } });
    const notify = health.functions.find((f) => f.name === 'notify');
    expect(notify?.schedules[0]).toMatchObject({ task: 'deliver', last_run: { ok: true } });
    const manual = await fetch(`${stack.url}/__scheduled?fn=alerts&task=evaluate`, { method: 'POST' });
    expect([200, 409]).toContain(manual.status); // 409 only if the croner run is in flight at that instant
    const missing = await fetch(`${stack.url}/__scheduled?fn=nope&task=x`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found', field: 'fn' });
    const beats = await stack.store.rows(`SELECT count(duration_ms) AS n FROM nomad_function_run`);
    expect(beats[0]?.n as number).toBeGreaterThan(1);
    const collector = await stack.store.rows(`SELECT last(ok) AS ok FROM nomad_collector WHERE collector = 'disk'`);
    expect(collector[0]?.ok).toBe(true);
  });

  it('writes its state file for nomad status and stop', () => {
    expect(readState(dir)).toMatchObject({ pid: process.pid, url: stack.url, influxUrl: influxUrl(), database });
  });

  it('rejects a bad config edit, keeps the running config, then applies a good one', async () => {
    writeFileSync(
      configPath,
      toml('10m').replace('[collectors.disk]\ninterval = "1s"', '[collectors.disk]\ninterval = "often"'),
    );
    await new Promise((r) => setTimeout(r, 800));
    expect(stack.config().collectors.disk.interval).toBe(1000);
    const log = readFileSync(join(dir, 'nomad.log'), 'utf8');
    expect(log).toMatch(/"field":"collectors.disk.interval".*"often\\" is not a duration.*config change rejected/);
    writeFileSync(configPath, toml('2h'));
    const deadline = Date.now() + 5000;
    while (stack.config().alerts.cooldown !== 7_200_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(stack.config().alerts.cooldown).toBe(7_200_000);
  });
});
