// `nomad start` with no InfluxDB configured owns an embedded influxd; status and stop work from another process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRules } from '../../functions/_lib/default-rules.ts';
import { loadConfig } from '../../wrangler-free-local/config-file.ts';
import { isAlive, readState } from '../../wrangler-free-local/state-file.ts';
import { repoRoot, runBin, runBinAsync } from '../helpers/cli.ts';

describe('nomad CLI', () => {
  it('has --help listing its commands', () => {
    const r = runBin('nomad', ['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['start', 'stop', 'status', 'init', 'fire']) expect(r.stdout).toContain(`  ${cmd}`);
    expect(runBin('nomad', ['frobnicate']).stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('init writes a commented config that loads, noting which commands exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nomad-init-'));
    const path = join(dir, 'nomad.toml');
    const r = runBin('nomad', ['init', '--config', path, '--cluster', 'hpc1', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ path });
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/cluster = "hpc1"/);
    expect(text).toMatch(/\[collectors\.disk\]\s+# df: found at \//);
    expect(text).toMatch(/# {3}sinfo {6}(found at|not found)/);
    expect(runBin('nomad', ['init', '--config', path]).stderr).toMatch(/exists; use --force/);
    // What init writes is a valid config carrying every default rule.
    const loaded = loadConfig(path, {});
    expect(loaded.general.cluster).toBe('hpc1');
    expect(loaded.alerts.rules.map((r) => r.id)).toEqual(defaultRules.map((r) => r.id));
  });

  it('starts with an embedded influxd, reports status, stops cleanly, and rejects a bad config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nomad-start-'));
    const config = join(dir, 'nomad.toml');
    writeFileSync(
      config,
      `[general]\ndata_dir = "${dir}"\nlog_file = "${dir}/nomad.log"\n[server]\nport = 0\n[schedules]\n"alerts.evaluate" = "* * * * * *"\n`,
    );
    const child: ChildProcess = spawn(
      process.execPath,
      [`${repoRoot}/bin/nomad.js`, 'start', '--config', config, '--only', 'alerts'],
      {
        stdio: 'ignore',
      },
    );
    try {
      const deadline = Date.now() + 30_000;
      while (!readState(dir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const state = readState(dir)!;
      expect(state.influxdPid).toBeGreaterThan(0);
      expect(state.influxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await new Promise((r) => setTimeout(r, 1500)); // let a scheduled run happen
      const status = await runBinAsync('nomad', ['status', '--config', config, '--json']);
      expect(status.code).toBe(0);
      const body = JSON.parse(status.stdout) as {
        health: { functions: Array<{ name: string; schedules: Array<{ last_run: unknown }> }> };
      };
      expect(body.health.functions.map((f) => f.name)).toContain('alerts');
      expect(body.health.functions[0]!.schedules[0]!.last_run).toMatchObject({ ok: true });
      expect((await runBinAsync('nomad', ['status', '--config', config])).stdout).toMatch(
        /alerts\s+evaluate\s+\* \* \* \* \* \*/,
      );

      const stop = await runBinAsync('nomad', ['stop', '--config', config]);
      expect(stop.code).toBe(0);
      expect(isAlive(state.pid)).toBe(false);
      expect(isAlive(state.influxdPid!)).toBe(false);
      expect(readState(dir)).toBeUndefined();
      expect(runBin('nomad', ['status', '--config', config]).stderr).toMatch(/NOMAD is not running/);
    } finally {
      child.kill('SIGKILL');
    }

    const only = await runBinAsync('nomad', ['start', '--config', config, '--only', 'nosuchfn']);
    expect(only.stderr).toMatch(/unknown function nosuchfn; known: alerts/);

    writeFileSync(config, `[server]\nport = "http"\n`);
    const bad = runBin('nomad', ['start', '--config', config]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error: invalid config: server\.port: /);
  });
});
