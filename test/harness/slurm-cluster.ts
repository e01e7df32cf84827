// A real SLURM cluster on loopback for tests: munge, MariaDB, slurmdbd, slurmctld and N slurmd, state in a temp dir.
// Every daemon is started here in the foreground and stopped by PID; job processes left behind are found by a marker.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../wrangler-free-local/ports.ts';
import { MARKER, ensureSlurmInstalled, ensureUser, killMarked, portOpen } from './slurm-host.ts';
import { type ClusterLayout, cgroupConf, gresConf, slurmConf, slurmdbdConf } from './slurm-config.ts';

export interface SlurmCluster {
  /** Environment for child processes: SLURM_CONF and the marker that finds orphaned job processes. */
  env: NodeJS.ProcessEnv;
  confDir: string;
  dir: string;
  cluster: string;
  nodes: string[];
  /** Runs a SLURM client command against this cluster, optionally as another user (runuser). */
  run(
    cmd: string,
    args: string[],
    opts?: { user?: string; input?: string },
  ): { code: number; stdout: string; stderr: string };
  /** sbatch with a writable working directory and output file; returns the job id. */
  submit(args: string[], opts?: { user?: string }): string;
  stopNode(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface SlurmClusterOptions {
  nodes?: number;
  cluster?: string;
  /** Unix users to create (useradd -M) and give an association, for jobs submitted by other users. */
  users?: string[];
  /**
   * Node names are `<prefix>1…`. slurmd's cgroups are named after the node (`slurm_<node>`), so two clusters running
   * at the same time (two test files) must use different prefixes or their job cgroups collide. Default `node`.
   */
  nodePrefix?: string;
  /**
   * Runs real job hooks: the scripts of `dir` (NOMAD's collectors-shim/hooks) are copied into the cluster's folder
   * with `envFile` as their hook.env, and set as Prolog, Epilog, PrologSlurmctld and EpilogSlurmctld.
   */
  hooks?: { dir: string; envFile: string };
}

export async function startSlurmCluster(opts: SlurmClusterOptions = {}): Promise<SlurmCluster> {
  ensureSlurmInstalled();
  const users = opts.users ?? [];
  for (const u of users) ensureUser(u);
  const dir = mkdtempSync(join(tmpdir(), 'nomad-slurm-'));
  chmodSync(dir, 0o755); // jobs of other users need to reach the config and their spool
  for (const sub of ['ctld', 'spool', 'run', 'log', 'munge/etc', 'munge/run', 'munge/lib', 'mariadb', 'out'])
    mkdirSync(join(dir, sub), { recursive: true });
  chmodSync(join(dir, 'munge/etc'), 0o700); // munged insists on these modes (gotcha 2)
  chmodSync(join(dir, 'munge/run'), 0o755);
  chmodSync(join(dir, 'out'), 0o1777);
  const count = opts.nodes ?? 4;
  const layout: ClusterLayout = {
    dir,
    cluster: opts.cluster ?? 'nomadtest',
    mungeSocket: join(dir, 'munge/run/munge.socket'),
    ctldPort: await freePort(),
    dbdPort: await freePort(),
    dbPort: await freePort(),
    dbSocket: join(dir, 'mariadb/mysqld.sock'),
    nodes: await Promise.all(
      Array.from({ length: count }, async (_, i) => ({
        name: `${opts.nodePrefix ?? 'node'}${i + 1}`,
        port: await freePort(),
      })),
    ),
  };
  if (opts.hooks) {
    layout.hooksDir = join(dir, 'hooks');
    cpSync(opts.hooks.dir, layout.hooksDir, { recursive: true });
    copyFileSync(opts.hooks.envFile, join(layout.hooksDir, 'hook.env'));
  }
  const confDir = join(dir, 'etc');
  mkdirSync(confDir);
  writeFileSync(join(confDir, 'slurm.conf'), slurmConf(layout));
  writeFileSync(join(confDir, 'gres.conf'), gresConf(layout));
  writeFileSync(join(confDir, 'cgroup.conf'), cgroupConf());
  writeFileSync(join(confDir, 'slurmdbd.conf'), slurmdbdConf(layout), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SLURM_CONF: join(confDir, 'slurm.conf'),
    [MARKER]: dir,
    LC_ALL: 'C',
  };

  const daemons = new Map<string, ChildProcess>();
  const exited = new Map<string, string>();
  const launch = (name: string, cmd: string, args: string[]) => {
    const log = openSync(join(dir, 'log', `${name}.out`), 'a');
    const child = spawn(cmd, args, { env, stdio: ['ignore', log, log] });
    child.on('exit', (code, sig) => exited.set(name, `${name} exited with ${code ?? sig}`));
    child.on('error', (err) => exited.set(name, `${name}: ${err.message}`));
    daemons.set(name, child);
  };
  const logTail = (name: string) => {
    try {
      return readFileSync(join(dir, 'log', name), 'utf8').slice(-1500);
    } catch {
      return '';
    }
  };
  const up = async (name: string, probe: () => Promise<boolean>, ms: number, log = `${name}.out`) => {
    try {
      await waitFor(async () => exited.has(name) || (await probe()), ms, name);
    } catch (err) {
      throw new Error(`${(err as Error).message} (${dir}/log/${log}):\n${logTail(log)}`);
    }
    if (exited.has(name)) throw new Error(`${exited.get(name)}:\n${logTail(log)}\n${logTail(`${name}.log`)}`);
  };
  const run: SlurmCluster['run'] = (cmd, args, o = {}) => {
    const [c, a] = o.user ? ['runuser', ['-u', o.user, '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(c, a as string[], { env, encoding: 'utf8', input: o.input, timeout: 60_000 });
    return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };

  const cluster: SlurmCluster = {
    env,
    confDir,
    dir,
    cluster: layout.cluster,
    nodes: layout.nodes.map((n) => n.name),
    run,
    submit(args, o = {}) {
      const out = join(dir, 'out');
      const r = run('sbatch', ['--parsable', `--chdir=${out}`, `--output=${out}/%j.out`, ...args], o);
      const id = /^(\d+)/.exec(r.stdout)?.[1];
      if (r.code !== 0 || !id) throw new Error(`sbatch ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return id;
    },
    async stopNode(name) {
      await stopDaemon(`slurmd-${name}`);
    },
    async stop() {
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // slurmd first (so no new steps start), then the controller, the database daemons, munge last.
  async function stopAll() {
    for (const name of [...daemons.keys()].reverse()) await stopDaemon(name);
    killMarked(dir);
  }
  async function stopDaemon(name: string) {
    const child = daemons.get(name);
    if (!child || exited.has(name)) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => (clearTimeout(kill), resolve()));
      child.kill('SIGTERM');
    });
  }

  try {
    writeFileSync(join(dir, 'munge/etc/munge.key'), randomBytes(1024), { mode: 0o400 });
    launch('munged', 'munged', [
      '-F',
      '-f',
      `--socket=${layout.mungeSocket}`,
      `--key-file=${join(dir, 'munge/etc/munge.key')}`,
      `--pid-file=${join(dir, 'munge/run/munged.pid')}`,
      `--log-file=${join(dir, 'log/munged.log')}`,
      `--seed-file=${join(dir, 'munge/lib/seed')}`,
    ]);
    execFileSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(dir, 'mariadb/data')}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { stdio: 'ignore' },
    );
    launch('mariadbd', 'mariadbd', [
      '--no-defaults',
      `--datadir=${join(dir, 'mariadb/data')}`,
      `--socket=${layout.dbSocket}`,
      `--port=${layout.dbPort}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      '--skip-grant-tables',
      '--character-set-server=utf8mb4', // job names in any script (latin1 turns 日本 into ??)

      '--skip-name-resolve',
      '--innodb-flush-log-at-trx-commit=0',
      `--pid-file=${join(dir, 'run/mariadbd.pid')}`,
    ]);
    await up('munged', async () => readdirSync(join(dir, 'munge/run')).includes('munge.socket'), 10_000);
    await up('mariadbd', () => portOpen(layout.dbPort), 30_000);
    launch('slurmdbd', 'slurmdbd', ['-D']);
    await up('slurmdbd', () => portOpen(layout.dbdPort), 30_000, 'slurmdbd.log');
    // One sacctmgr session for every association: each sacctmgr process costs ~0.8 s.
    const assoc = [
      `add cluster ${layout.cluster}`,
      'add account science Description=science Organization=nomad',
      `add user root,${users.join(',') || 'root'} Account=science`,
      'quit',
    ];
    const acct = run('sacctmgr', ['-i'], { input: assoc.join('\n') + '\n' });
    if (acct.code !== 0) throw new Error(`sacctmgr failed: ${acct.stderr}${acct.stdout}`);
    launch('slurmctld', 'slurmctld', ['-D', '-i']);
    await up('slurmctld', () => portOpen(layout.ctldPort), 30_000, 'slurmctld.log'); // poll the port, not scontrol ping (gotcha 4)
    for (const n of layout.nodes) launch(`slurmd-${n.name}`, 'slurmd', ['-D', '-N', n.name]);
    // sinfo -N prints a row per node per partition: ready when every row says idle.
    const allIdle = async () => {
      const rows = run('sinfo', ['-h', '-N', '-o', '%N %t']).stdout.split('\n').filter(Boolean);
      return rows.length > 0 && rows.every((r) => r.endsWith(' idle'));
    };
    await up('slurmctld', allIdle, 30_000, 'slurmctld.log');
  } catch (err) {
    await stopAll().catch(() => undefined); // the temp dir stays, for its logs
    throw err;
  }
  return cluster;
}
