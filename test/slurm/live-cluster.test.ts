// The SLURM collectors against a real cluster (munge, MariaDB, slurmdbd, slurmctld, 4 slurmd on loopback), through
// the shim's own code path, into the suite's real InfluxDB. If SLURM cannot be installed, beforeAll fails: no skip.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/_lib/config.ts';
import { silentLogger } from '../../functions/_lib/deps.ts';
import type { InfluxClient } from '../../functions/_lib/influx.ts';
import { execCommand } from '../../collectors-shim/exec.ts';
import { COMMANDS, sacctArgs } from '../../collectors-shim/parsers/slurm/commands.ts';
import { slurmParsers } from '../../collectors-shim/parsers/slurm/list.ts';
import { type Shim, createShim } from '../../collectors-shim/shim.ts';
import { type BatchWriter, createBatchWriter } from '../../collectors-shim/writer.ts';
import { type SlurmCluster, startSlurmCluster } from '../harness/slurm-cluster.ts';
import { freshDatabase } from '../helpers/influx.ts';

const OTHER_USER = 'nomaduser';
const NASTY = 'nasty job, "quoted" a=b \\ back ünïcødé 日本';
const NASTY_IN_SACCT = NASTY.replaceAll('"', '`'); // slurmdbd stores `"` as a backtick
const TWO_LINES = 'line one\nline two';
const COLLECTORS = ['slurm_queue', 'slurm_nodes', 'slurm_jobs', 'slurm_diag', 'slurm_fairshare'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SLURM collectors on a live cluster', () => {
  let cluster: SlurmCluster;
  let store: InfluxClient;
  let writer: BatchWriter;
  let shim: Shim;
  let dataDir: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    cluster = await startSlurmCluster({ users: [OTHER_USER] });
    process.env.SLURM_CONF = cluster.env.SLURM_CONF; // the shim finds Slurm the way it does on a head node
    dataDir = mkdtempSync(join(tmpdir(), 'nomad-slurm-live-'));
    store = await freshDatabase('slurm_live');
    writer = createBatchWriter({ store, log: silentLogger });
    // include_running: running jobs as snapshot points too (the default reads only jobs that ended).
    const config = parseConfig({
      general: { cluster: 'live', data_dir: dataDir },
      collectors: { slurm_jobs: { include_running: true } },
    });
    shim = createShim({
      config: () => config,
      writer,
      exec: execCommand,
      log: silentLogger,
      now: Date.now,
      host: 'head1',
    });
    ids.nasty = cluster.submit(['-J', NASTY, '--wrap', 'sleep 1'], { user: OTHER_USER });
    ids.twoLines = cluster.submit(['-J', TWO_LINES, '--wrap', 'sleep 1']);
    ids.failed = cluster.submit(['-J', 'fails', '--wrap', 'exit 3']);
    ids.running = cluster.submit(['-p', 'batch', '-w', 'node3', '-J', 'runs', '--wrap', 'sleep 600']);
    ids.held = cluster.submit(['-H', '-J', 'held', '--wrap', 'true']);
    cluster.run('scontrol', ['update', 'NodeName=node2', 'State=DRAIN', 'Reason=live test, "drain" now']);
    const done = () =>
      cluster.run('sacct', ['-n', '-X', '-P', '-o', 'State', '-j', [ids.nasty, ids.twoLines, ids.failed].join(',')])
        .stdout;
    for (let i = 0; i < 60 && !/^(COMPLETED\nCOMPLETED\nFAILED)\n?$/.test(done()); i++) await sleep(500);
    for (
      let i = 0;
      i < 40 && !cluster.run('squeue', ['-h', '-j', ids.running!, '-o', '%T']).stdout.includes('RUNNING');
      i++
    )
      await sleep(500);
  }, 180_000);

  afterAll(async () => {
    await writer?.stop();
    await cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every SLURM collector through the shim with no error and no skipped line', async () => {
    for (const name of COLLECTORS) {
      const r = await shim.runOnce(name);
      expect({ name, error: r.error, problems: r.problems }).toEqual({ name, error: undefined, problems: [] });
      expect(r.points.length).toBeGreaterThan(0);
    }
    expect(await writer.flush()).toBe(true);
    const health = await store.rows(
      `SELECT last("ok") AS ok FROM nomad_collector WHERE collector =~ /^slurm_/ GROUP BY collector`,
    );
    expect(health.map((r) => [r.collector, r.ok]).sort()).toEqual(COLLECTORS.map((c) => [c, true]).sort());
  });

  it('stores the job with the nasty name, and the one with a newline, as exactly one correct point each', async () => {
    const rows = await store.rows(`SELECT * FROM slurm_job`);
    const nasty = rows.filter((r) => r.job_id === ids.nasty);
    expect(nasty).toHaveLength(1);
    expect(nasty[0]).toMatchObject({
      name: NASTY_IN_SACCT,
      user: OTHER_USER,
      state: 'completed',
      cluster: 'live',
      host: 'head1',
    });
    expect(rows.filter((r) => r.job_id === ids.twoLines).map((r) => r.name)).toEqual([TWO_LINES]);
    expect(rows.find((r) => r.job_id === ids.failed)).toMatchObject({ state: 'failed', exit_code: 3 });
    expect(rows.find((r) => r.job_id === ids.running)).toMatchObject({ state: 'running', node_list: 'node3' });
  });

  it('stores queue, node, partition, scheduler and fairshare points', async () => {
    const held = await store.rows(`SELECT * FROM slurm_queue WHERE "reason" = 'JobHeldUser'`);
    expect(held.map((r) => r.jobs)).toEqual([1]);
    const nodes = await store.rows(
      `SELECT last("drain") AS drain, last("reason") AS reason FROM slurm_nodes GROUP BY "name"`,
    );
    expect(nodes.map((r) => r.name).sort()).toEqual(['node1', 'node2', 'node3', 'node4']);
    expect(nodes.find((r) => r.name === 'node2')).toMatchObject({ drain: true, reason: 'live test, "drain" now' });
    const parts = await store.rows(`SELECT last("total_nodes") AS n FROM slurm_partitions GROUP BY "name"`);
    expect(parts.map((r) => [r.name, r.n]).sort()).toEqual([
      ['batch', 4],
      ['debug', 2],
    ]);
    expect((await store.rows(`SELECT last("jobs_submitted") AS s FROM slurm_diag`))[0]!.s).toBeGreaterThanOrEqual(5);
    const share = await store.rows(
      `SELECT last("norm_shares") AS s FROM slurm_fairshare WHERE "user" = '${OTHER_USER}'`,
    );
    expect(share[0]!.s).toBeGreaterThan(0);
  });

  it('does not send a finished job twice when the next sacct window overlaps, and jobs never overwrite each other', async () => {
    const again = await shim.runOnce('slurm_jobs');
    expect(again.error).toBeUndefined();
    expect(again.points.filter((p) => p.fields.end_time !== undefined)).toEqual([]);
    await writer.flush();
    const since = new Date(Date.now() - 3600_000).toISOString().slice(0, 19);
    const listed = cluster.run('sacct', [
      '-a',
      '-n',
      '-X',
      '-P',
      '-o',
      'JobIDRaw,End',
      '-S',
      since,
      '-E',
      'now',
    ]).stdout;
    const finished = listed
      .trim()
      .split('\n')
      .filter((l) => !l.endsWith('|Unknown'))
      .map((l) => l.split('|')[0]);
    expect(finished.length).toBeGreaterThanOrEqual(3);
    const rows = await store.rows(`SELECT "job_id" FROM slurm_job WHERE "end_time" > 0`);
    expect(rows.map((r) => r.job_id).sort()).toEqual([...finished].sort());
  });

  it('makes one SLURM call per collector per cycle, with the JSON support it detected cached', async () => {
    const cache = (name: string) =>
      JSON.parse(readFileSync(join(dataDir, 'shim', name, 'json-support.json'), 'utf8')).json;
    // 22.05: sinfo has usable --json; sdiag has none; sacct's JSON loses exit codes. The queue reads text
    // without probing (squeue --json costs far more and adds nothing its points use).
    expect(existsSync(join(dataDir, 'shim', 'slurm_queue', 'json-support.json'))).toBe(false);
    expect(COLLECTORS.filter((c) => c !== 'slurm_fairshare' && c !== 'slurm_queue').map((c) => [c, cache(c)])).toEqual([
      ['slurm_nodes', true],
      ['slurm_jobs', false],
      ['slurm_diag', false],
    ]);
    const calls: string[] = [];
    const config = parseConfig({ general: { cluster: 'live', data_dir: dataDir } });
    const counted = createShim({
      config: () => config,
      writer,
      exec: (cmd, args, o) => (calls.push(cmd), execCommand(cmd, args, o)),
      log: silentLogger,
      now: Date.now,
      host: 'head1',
    });
    for (const name of COLLECTORS) {
      calls.length = 0;
      expect((await counted.runOnce(name)).error).toBeUndefined();
      expect({ name, calls: calls.length }).toEqual({ name, calls: 1 });
    }
  });

  it('fails alone, as a result and a health point, when the SLURM commands are missing', async () => {
    const config = parseConfig({ general: { cluster: 'live', data_dir: dataDir } });
    const broken = createShim({
      config: () => config,
      writer,
      exec: (cmd, args, o) => execCommand(`/nonexistent/${cmd}`, args, o),
      log: silentLogger,
      now: Date.now,
      host: 'head2',
    });
    for (const name of COLLECTORS) expect((await broken.runOnce(name)).error).toMatch(/ENOENT/);
    await writer.flush();
    const rows = await store.rows(`SELECT "ok", "error" FROM nomad_collector WHERE "host" = 'head2'`);
    expect(rows).toHaveLength(COLLECTORS.length);
    expect(rows.every((r) => r.ok === false)).toBe(true);
  });

  it('parses a fresh capture of every command line with no problems', () => {
    const since = new Date(Date.now() - 3600_000).toISOString().slice(0, 19);
    const lines: Array<[string, string, readonly string[]]> = Object.entries(COMMANDS)
      .filter(([name]) => name !== 'sdiag-json') // 22.05's sdiag has no --json
      .map(([name, [cmd, args]]) => [name, cmd, args]);
    lines.push(['sacct', 'sacct', sacctArgs(false, since)], ['sacct-json', 'sacct', sacctArgs(true, since)]);
    lines.push(['sacct', 'sacct', sacctArgs(false, since, 'now', true)]); // the default: jobs that ended
    for (const [name, cmd, args] of lines) {
      const out = cluster.run(cmd, [...args]);
      expect({ name, code: out.code }).toEqual({ name, code: 0 });
      const r = slurmParsers.find((p) => p.name === name)!.parse(out.stdout, { now: Date.now(), tags: {} });
      expect({ name, problems: r.problems }).toEqual({ name, problems: [] });
      expect(r.points.length).toBeGreaterThan(0);
    }
  });

  it('reads only the jobs that ended with the default config, none running or pending', async () => {
    const config = parseConfig({ general: { cluster: 'live', data_dir: mkdtempSync(join(dataDir, 'default-')) } });
    const plain = createShim({
      config: () => config,
      writer: createBatchWriter({ store, log: silentLogger }),
      exec: execCommand,
      log: silentLogger,
      now: Date.now,
      host: 'head3',
    });
    const r = await plain.runOnce('slurm_jobs');
    expect(r.error).toBeUndefined();
    expect(r.points.filter((p) => p.tags?.state === 'running' || p.tags?.state === 'pending')).toEqual([]);
    expect(r.points.map((p) => p.fields.job_id)).toEqual(expect.arrayContaining([ids.nasty, ids.twoLines, ids.failed]));
  });
});
