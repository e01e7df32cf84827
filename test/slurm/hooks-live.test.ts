// NOMAD's job hooks run by a real Slurm (slurmd's Prolog/Epilog, slurmctld's PrologSlurmctld/EpilogSlurmctld, no
// PATH, as root) against a real local runner's ingest route, into the suite's real InfluxDB. If SLURM cannot be
// installed, beforeAll fails: no skip.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIso } from '../../collectors-shim/collectors/slurm-run.ts';
import { hookForwarder } from '../../collectors-shim/hook-forwarder.ts';
import { execCommand } from '../../collectors-shim/exec.ts';
import { sacctArgs } from '../../collectors-shim/parsers/slurm/commands.ts';
import { sacctParser } from '../../collectors-shim/parsers/slurm/sacct.ts';
import { type Stack, startStack } from '../../wrangler-free-local/stack.ts';
import { type SlurmCluster, startSlurmCluster } from '../harness/slurm-cluster.ts';
import { repoRoot } from '../helpers/cli.ts';
import { influxUrl } from '../helpers/influx.ts';

const USER = 'nomaduser';
const HOOKS = ['epilog', 'epilog_slurmctld', 'prolog', 'prolog_slurmctld'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Row = Record<string, unknown>;

describe('NOMAD hooks on a live Slurm', () => {
  let stack: Stack;
  let cluster: SlurmCluster;
  let dir: string;
  let spool: string;
  let configPath: string;
  const ids: Record<string, string> = {};
  const since = localIso(Date.now() - 60_000); // sacct reads local time

  const events = async (id: string): Promise<Row[]> =>
    stack.store.rows(`SELECT * FROM nomad_job_event WHERE job_id = '${id}'`);
  const byEvent = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.event as string, r]));
  const sacctState = (id: string) =>
    cluster.run('sacct', ['-n', '-X', '-P', '-o', 'State', '-j', id]).stdout.trim().split('\n')[0] ?? '';
  async function until(what: string, probe: () => Promise<boolean> | boolean, ms: number) {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(1000)) if (await probe()) return;
    throw new Error(`timed out waiting for ${what}`);
  }
  const allEvents = (id: string) => async () => (await events(id)).length >= HOOKS.length;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nomad-hooks-live-'));
    spool = join(dir, 'hook-spool'); // not <data_dir>/spool: that is the runner's own point spool
    configPath = join(dir, 'nomad.toml');
    const database = `hooks_live_${process.pid}_${Date.now()}`;
    writeFileSync(
      configPath,
      `[general]\ndata_dir = "${dir}"\nlog_level = "silent"\n[influx]\nurl = "${influxUrl()}"\ndatabase = "${database}"\n[server]\nport = 0\n`,
    );
    stack = await startStack({ configPath, withShim: false, schedules: false });
    writeFileSync(join(dir, 'hook.secret'), stack.config().ingest.secret, { mode: 0o600 });
    const env = `NOMAD_URL=${stack.url}\nNOMAD_SECRET_FILE=${join(dir, 'hook.secret')}\nNOMAD_HOOK_SPOOL=${spool}\n`;
    writeFileSync(join(dir, 'hook.env'), env);
    cluster = await startSlurmCluster({
      nodePrefix: 'hk',
      users: [USER],
      hooks: { dir: join(repoRoot, 'collectors-shim/hooks'), envFile: join(dir, 'hook.env') },
    });
    // The TIMEOUT job first: slurmctld checks limits every ~30 s, so a 1-minute job ends after ~80 s.
    ids.timeout = cluster.submit(['-p', 'batch', '-t', '1', '-J', 'times out', '--wrap', 'sleep 600'], { user: USER });
    ids.completed = cluster.submit(['-J', 'done', '--wrap', 'true'], { user: USER });
    ids.failed = cluster.submit(['-p', 'batch', '-J', 'fails', '--wrap', 'exit 3']);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('posts prolog, epilog and both slurmctld events of a COMPLETED and a FAILED job, with user, partition and exit code', async () => {
    await until(
      'the events of both jobs',
      async () => (await allEvents(ids.completed!)()) && allEvents(ids.failed!)(),
      60_000,
    );
    const done = byEvent(await events(ids.completed!));
    expect(Object.keys(done).sort()).toEqual(HOOKS);
    for (const e of Object.values(done))
      expect(e).toMatchObject({ user: USER, partition: 'debug', cluster: 'nomadtest', num_nodes: 1 });
    expect(done.epilog).toMatchObject({ exit_code: 0, host: expect.stringMatching(/^hk\d$/) });
    expect(done.epilog_slurmctld).toMatchObject({ exit_code: 0, job_name: 'done' }); // only slurmctld knows the name
    expect(done.prolog!.exit_code ?? null).toBeNull(); // prologs carry no exit code
    const failed = byEvent(await events(ids.failed!));
    expect(Object.keys(failed).sort()).toEqual(HOOKS);
    for (const e of Object.values(failed)) expect(e).toMatchObject({ user: 'root', partition: 'batch', uid: 0 });
    // SLURM_JOB_EXIT_CODE is the wait status: `exit 3` is 3 << 8 (sacct prints it as 3:0).
    expect([failed.epilog!.exit_code, failed.epilog_slurmctld!.exit_code]).toEqual([768, 768]);
    expect(existsSync(spool)).toBe(false); // every event went straight through: nothing spooled
  });

  it('gives a TIMEOUT job epilog events that look like any other end, while sacct says TIMEOUT', async () => {
    await until('the TIMEOUT job', () => sacctState(ids.timeout!) === 'TIMEOUT', 150_000);
    await until('its epilog events', allEvents(ids.timeout!), 30_000);
    const ev = byEvent(await events(ids.timeout!));
    expect(Object.keys(ev).sort()).toEqual(HOOKS);
    // No state in what the hooks send, and the exit code of a job killed at its time limit reads as success.
    for (const e of Object.values(ev)) expect(JSON.stringify(e)).not.toMatch(/timeout/i);
    expect(ev.epilog).toMatchObject({ user: USER, partition: 'batch', exit_code: 0 });
    expect(ev.epilog_slurmctld).toMatchObject({ user: USER, partition: 'batch', exit_code: 0 });
    const out = cluster.run('sacct', sacctArgs(false, since, 'now', true));
    const job = sacctParser
      .parse(out.stdout, { now: Date.now(), tags: {} })
      .points.find((p) => p.fields.job_id === ids.timeout);
    expect(job?.tags?.state).toBe('timeout');
  }, 200_000);

  it('spools events while NOMAD is down without failing the job, and the shim forwards each one once', async () => {
    await stack.stop();
    const id = cluster.submit(['-J', 'while down', '--wrap', 'true'], { user: USER });
    const spooled = () => readdirSync(spool).filter((f) => f.includes(`-${id}-`) && f.endsWith('.json'));
    await until(
      'the job and its spooled events',
      () => sacctState(id) === 'COMPLETED' && spooled().length === 4,
      60_000,
    );
    expect(
      spooled()
        .map((f) => f.split('-')[2])
        .sort(),
    ).toEqual(HOOKS.map((h) => `${h}`).sort());

    stack = await startStack({ configPath, withShim: false, schedules: false });
    const forwarder = hookForwarder({
      spoolDir: spool,
      ingestUrl: `${stack.url}/ingest/job-events`,
      secret: stack.config().ingest.secret,
    });
    const ctx = { now: Date.now(), tags: {}, exec: execCommand, timeoutMs: 5000, stateDir: dir };
    expect(await forwarder.collect(ctx)).toEqual({ points: [], problems: [] });
    expect(spooled()).toEqual([]);
    await forwarder.collect(ctx); // nothing left: nothing sent twice
    const rows = await events(id);
    expect(rows.map((r) => r.event).sort()).toEqual(HOOKS);
    expect(rows.every((r) => r.user === USER)).toBe(true);
  }, 120_000);
});
