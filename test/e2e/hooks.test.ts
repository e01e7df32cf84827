// The SLURM hook scripts run as Slurm runs them (no PATH, only SLURM_* variables) against the real ingest route.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../functions/_lib/notify/signature.ts';
import { hookForwarder } from '../../collectors-shim/hook-forwarder.ts';
import { execCommand } from '../../collectors-shim/exec.ts';
import { type Stack, startStack } from '../../wrangler-free-local/stack.ts';
import { freePort } from '../../wrangler-free-local/ports.ts';
import { repoRoot } from '../helpers/cli.ts';
import { influxUrl } from '../helpers/influx.ts';

describe('SLURM hooks → ingest', () => {
  let stack: Stack;
  let dir: string;
  const database = `hooks_${process.pid}_${Date.now()}`;
  const hookEnv = (url: string, spool: string) =>
    `NOMAD_URL=${url}\nNOMAD_SECRET_FILE=${join(dir, 'ingest.secret')}\nNOMAD_HOOK_SPOOL=${spool}\n`;
  // Async: the ingest server lives in this process and must keep answering while the hook runs.
  const runHook = (hooks: string, name: string, env: Record<string, string>) =>
    new Promise<{ status: number | null }>((resolve) => {
      const child = spawn(join(hooks, name), [], { env, stdio: 'ignore' }); // env replaces everything: no PATH
      child.on('exit', (status) => resolve({ status }));
    });

  const nasty = 'fit "α,β" = x\\y z\n2nd line';
  const epilogEnv = {
    SLURM_JOB_ID: '4242',
    SLURM_JOB_USER: 'alice',
    SLURM_JOB_UID: '1001',
    SLURM_JOB_ACCOUNT: 'physics',
    SLURM_JOB_PARTITION: 'batch',
    SLURM_CLUSTER_NAME: 'box',
    SLURM_JOB_NAME: nasty,
    SLURM_JOB_NUM_NODES: '2',
    SLURM_JOB_NODELIST: 'node[1-2]',
    SLURM_JOB_EXIT_CODE: '256',
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nomad-hooks-'));
    const config = join(dir, 'nomad.toml');
    writeFileSync(
      config,
      `[general]\ndata_dir = "${dir}"\nlog_level = "silent"\n[influx]\nurl = "${influxUrl()}"\ndatabase = "${database}"\n[server]\nport = 0\n`,
    );
    stack = await startStack({ configPath: config, withShim: false, schedules: false });
  });
  afterAll(async () => stack?.stop());

  function hooksDir(url: string, spool: string): string {
    const h = mkdtempSync(join(tmpdir(), 'nomad-hookbin-'));
    cpSync(join(repoRoot, 'collectors-shim/hooks'), h, { recursive: true });
    writeFileSync(join(h, 'hook.env'), hookEnv(url, spool));
    return h;
  }

  it('posts a signed epilog event that lands as one correct point, whatever the job name holds', async () => {
    const spool = mkdtempSync(join(tmpdir(), 'nomad-hookspool-'));
    const h = hooksDir(stack.url, spool);
    const r = await runHook(h, 'epilog_slurmctld', epilogEnv);
    expect(r.status).toBe(0);
    expect(readdirSync(spool)).toEqual([]); // delivered, nothing spooled
    const rows = await stack.store.rows(`SELECT * FROM nomad_job_event WHERE job_id = '4242'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'epilog_slurmctld',
      partition: 'batch',
      cluster: 'box',
      user: 'alice',
      uid: 1001,
      account: 'physics',
      job_name: nasty,
      num_nodes: 2,
      nodes: 'node[1-2]',
      exit_code: 256,
    });
    expect(rows[0]!.time % 1000).toBe(4242 % 1000); // the job id's sub-second slot
  });

  it('rejects unsigned, wrongly signed and replayed events, and names a bad field', async () => {
    const body = JSON.stringify({ event: 'prolog', job_id: '1', host: 'n1', at: Date.now() / 1000 });
    const post = async (b: string, sig?: string) =>
      fetch(`${stack.url}/ingest/job-events`, {
        method: 'POST',
        body: b,
        headers: sig ? { 'x-nomad-signature': sig } : {},
      });
    const secret = stack.config().ingest.secret;
    expect((await post(body)).status).toBe(401);
    expect((await post(body, await signBody('wrong', body, Date.now()))).status).toBe(401);
    const old = await post(body, await signBody(secret, body, Date.now() - 3_600_000));
    expect(old.status).toBe(401);
    expect(await old.json()).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/replay window/) });
    const bad = JSON.stringify({ event: 'prolog', job_id: '1; DROP', host: 'n1', at: 1 });
    const res = await post(bad, await signBody(secret, bad, Date.now()));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'bad_request', field: 'job_id' });
  });

  it('spools when NOMAD is down or hangs, never fails the job, and the shim forwards each event once', async () => {
    const spool = mkdtempSync(join(tmpdir(), 'nomad-hookspool-'));
    const closed = await freePort();
    const down = hooksDir(`http://127.0.0.1:${closed}`, spool);
    expect((await runHook(down, 'prolog', { ...epilogEnv, SLURM_JOB_ID: '5001' })).status).toBe(0);
    // A server that accepts and never answers: the hook gives up after its 2 s timeout.
    const hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const hung = hooksDir(`http://127.0.0.1:${(hang.address() as { port: number }).port}`, spool);
    expect((await runHook(hung, 'epilog', { ...epilogEnv, SLURM_JOB_ID: '5002' })).status).toBe(0);
    hang.close();
    expect(readdirSync(spool).filter((f) => f.endsWith('.json'))).toHaveLength(2);

    const forwarder = hookForwarder({
      spoolDir: spool,
      ingestUrl: `${stack.url}/ingest/job-events`,
      secret: stack.config().ingest.secret,
    });
    const ctx = { now: Date.now(), tags: {}, exec: execCommand, timeoutMs: 5000, stateDir: dir };
    expect(await forwarder.collect(ctx)).toEqual({ points: [], problems: [] });
    expect(readdirSync(spool)).toEqual([]);
    await forwarder.collect(ctx); // nothing left: nothing sent twice
    const rows = await stack.store.rows(
      `SELECT job_id, event FROM nomad_job_event WHERE job_id = '5001' OR job_id = '5002'`,
    );
    expect(rows.map((r) => `${r.job_id}:${r.event}`).sort()).toEqual(['5001:prolog', '5002:epilog']);
  });
});
