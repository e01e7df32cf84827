// Captures real SLURM output for the parser tests: starts the loopback test cluster, puts jobs in every state and
// nodes in drain and down, then writes each command line the shim runs to test/fixtures/captured/slurm/.
// Run: npm run build && node dist/scripts/capture-slurm.js   (needs root: it installs SLURM and adds a user)
// `… capture-slurm.js hooks` captures only the environment Slurm gives each job hook (hook-env.<hook>.*.txt).
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, commandLine, sacctArgs } from '../collectors-shim/parsers/slurm/commands.ts';
import { type SlurmCluster, startSlurmCluster } from '../test/harness/slurm-cluster.ts';

const OUT = join(process.cwd(), 'test/fixtures/captured/slurm');
export const OTHER_USER = 'nomaduser';
/** Spaces, a comma, quotes, `=`, a backslash and non-ASCII: every character a line protocol writer must escape. */
export const NASTY_NAME = 'nasty job, "quoted" a=b \\ back ünïcødé 日本';

/** YYYY-MM-DDTHH:MM:SS in local time, the form sacct -S accepts. */
export const localIso = (d: Date): string =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function state(c: SlurmCluster, id: string): string {
  return c.run('squeue', ['-h', '-t', 'all', '-j', id, '-o', '%T']).stdout.trim();
}

async function until(what: string, probe: () => boolean, ms: number, c?: SlurmCluster): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (probe()) return;
    await sleep(1000);
  }
  const queue = c?.run('squeue', ['-t', 'all', '-o', '%i %T %r %j']).stdout ?? '';
  throw new Error(`timed out waiting for ${what}\n${queue}`);
}

/** Puts the cluster through every job state the parsers must read. Returns ids by what they are for. */
export async function populate(c: SlurmCluster): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const s = (key: string, args: string[], user?: string) => (ids[key] = c.submit(args, user ? { user } : {}));
  s('timeout', ['-p', 'batch', '-w', 'node3', '-t', '1', '-J', 'will time out', '--wrap', 'sleep 600']);
  s('nodeFail', ['-p', 'batch', '-w', 'node4', '--no-requeue', '-J', 'on node4', '--wrap', 'sleep 600']);
  s('completed', ['-J', 'done', '--wrap', 'echo hi']);
  s('nasty', ['-J', NASTY_NAME, '--wrap', 'sleep 1'], OTHER_USER);
  s('failed', ['-J', 'fails', '--wrap', 'exit 3']);
  s('oom', ['--mem=64M', '-J', 'eats memory', '--wrap', 'tail /dev/zero']);
  s('newline', ['-p', 'batch', '-w', 'node3', '-J', 'line one\nline two', '--wrap', 'sleep 900'], OTHER_USER);
  s('cancelRunning', ['-J', 'cancel me', '--wrap', 'sleep 600'], OTHER_USER);
  await until(
    'the short jobs to finish',
    () => ['completed', 'failed', 'oom', 'nasty'].every((k) => !/PENDING|RUNNING|COMPLETING/.test(state(c, ids[k]!))),
    30_000,
  );
  await until('cancel me to run', () => state(c, ids.cancelRunning!) === 'RUNNING', 20_000);
  c.run('scancel', [ids.cancelRunning!]);
  // Fill the debug partition (2 nodes x 4 CPUs) so later jobs pend on Resources and Priority.
  s('running', ['-p', 'debug', '-n', '6', '--mem=100M', '-J', 'long runner', '--wrap', 'sleep 900'], OTHER_USER);
  s('running2', ['-p', 'debug', '-n', '2', '--mem=100M', '-J', 'second runner', '--gres=gpu:1', '--wrap', 'sleep 900']);
  await until(
    'the runners',
    () => state(c, ids.running2!) === 'RUNNING' && state(c, ids.running!) === 'RUNNING',
    20_000,
  );
  s('resources', ['-p', 'debug', '-n', '4', '-J', 'wants resources', '--wrap', 'sleep 10']);
  s('priority', ['-p', 'debug', '-n', '4', '-J', 'wants priority', '--wrap', 'sleep 10'], OTHER_USER);
  s('held', ['-H', '-J', 'held', '--wrap', 'sleep 10']);
  s('dependency', ['-d', `afterok:${ids.running}`, '-J', 'after runner', '--wrap', 'sleep 10']);
  s('begin', ['--begin=now+2hours', '-J', 'later', '--wrap', 'sleep 10']);
  s('array', ['-p', 'debug', '--array=1-4%1', '-J', 'array job', '--wrap', 'sleep 10']);
  s('cancelPending', ['-H', '-J', 'cancel while pending', '--wrap', 'sleep 10'], OTHER_USER);
  c.run('scancel', [ids.cancelPending!]);
  await until('node4 job to run', () => state(c, ids.nodeFail!) === 'RUNNING', 20_000);
  await c.stopNode('node4'); // NODE_FAIL once slurmctld notices the silent node (SlurmdTimeout)
  c.run('scontrol', ['update', 'NodeName=node2', 'State=DRAIN', 'Reason=disk full, "sda" at 100% a=b \\ ünï']);
  await until(
    'NODE_FAIL and TIMEOUT',
    () => state(c, ids.nodeFail!) === 'NODE_FAIL' && state(c, ids.timeout!) === 'TIMEOUT',
    150_000,
  );
  return ids;
}

/** Runs every command line a parser reads; file name = parser name + Slurm version. */
export function captureAll(
  c: SlurmCluster,
  version: string,
  since: string,
): Array<{ file: string; line: string; code: number }> {
  const runs: Array<[string, string, readonly string[], string]> = Object.entries(COMMANDS).map(
    ([name, [cmd, args]]) => [name, cmd, args, name.endsWith('json') ? 'json' : 'txt'],
  );
  runs.push(
    ['sacct', 'sacct', sacctArgs(false, since), 'txt'],
    ['sacct-json', 'sacct', sacctArgs(true, since), 'json'],
  );
  return runs.map(([name, cmd, args, ext]) => {
    const r = c.run(cmd, [...args]);
    const file = `${name}.slurm-${version}.${ext}`;
    if (r.code === 0) writeFileSync(join(OUT, file), r.stdout);
    else console.error(`${commandLine(cmd, args)} exited ${r.code}: ${r.stderr.trim()}`);
    return { file, line: commandLine(cmd, args), code: r.code };
  });
}

const HOOKS = ['prolog', 'epilog', 'prolog_slurmctld', 'epilog_slurmctld'];

/**
 * Runs one job (by the second user, exit 3) on a cluster whose four hooks first write their environment, then run
 * NOMAD's real hook. Writes `env` of each hook, sorted; values of variables outside Slurm's are left out.
 */
export async function captureHookEnv(): Promise<void> {
  const src = mkdtempSync(join(tmpdir(), 'nomad-hookcap-'));
  cpSync(join(process.cwd(), 'collectors-shim/hooks'), src, { recursive: true });
  for (const h of HOOKS) {
    // No PATH in a hook: every tool by absolute path. `env -0` keeps values with newlines apart.
    const wrap = `#!/bin/bash
/usr/bin/env -0 > "\${0%/*}/env.${h}.$SLURM_JOB_ID"
exec "\${0%/*}/nomad-hook.sh" ${h}
`;
    writeFileSync(join(src, h), wrap);
    chmodSync(join(src, h), 0o755);
  }
  writeFileSync(
    join(src, 'hook.env'),
    `NOMAD_URL=http://127.0.0.1:9
NOMAD_HOOK_SPOOL=${join(src, 'spool')}
`,
  );
  const c = await startSlurmCluster({
    users: [OTHER_USER],
    nodePrefix: 'cap',
    hooks: { dir: src, envFile: join(src, 'hook.env') },
  });
  try {
    const version = c
      .run('sinfo', ['-V'])
      .stdout.trim()
      .replace(/^slurm(-wlm)?\s+/, '');
    const id = c.submit(['-J', 'hook env', '--wrap', 'exit 3'], { user: OTHER_USER });
    const hooks = join(c.dir, 'hooks');
    await until(
      'every hook to run',
      () => HOOKS.every((h) => readdirSync(hooks).includes(`env.${h}.${id}`)),
      60_000,
      c,
    );
    await sleep(500); // the last hook may still be writing
    for (const h of HOOKS) {
      const vars = readFileSync(join(hooks, `env.${h}.${id}`), 'utf8')
        .split('\0')
        .filter(Boolean);
      const lines = vars.map((v) =>
        /^SLURM/.test(v) ? v : `${v.slice(0, v.indexOf('='))}=<not Slurm's: value left out>`,
      );
      writeFileSync(join(OUT, `hook-env.${h}.slurm-${version}.txt`), `${lines.sort().join('\n')}\n`);
      console.log(`| captured/slurm/hook-env.${h}.slurm-${version}.txt | /usr/bin/env -0 in the ${h} hook |`);
    }
  } finally {
    await c.stop();
    rmSync(src, { recursive: true, force: true });
  }
}

async function main() {
  if (process.argv[2] === 'hooks') return captureHookEnv();
  const started = new Date();
  const c = await startSlurmCluster({ users: [OTHER_USER] });
  try {
    const version = c
      .run('sinfo', ['-V'])
      .stdout.trim()
      .replace(/^slurm(-wlm)?\s+/, '');
    const since = localIso(new Date(started.getTime() - 60_000)); // sacct reads local time
    const ids = await populate(c);
    console.log('jobs:', JSON.stringify(ids));
    const day = started.toISOString().slice(0, 10);
    for (const r of captureAll(c, version, since))
      if (r.code === 0)
        console.log(
          `| captured/slurm/${r.file} | \`${r.line}\` on the suite's loopback cluster, Slurm ${version}, ${day} |`,
        );
  } finally {
    await c.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
