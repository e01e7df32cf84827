// Host-side helpers of the test cluster: installing SLURM, adding users, probing ports, killing leftovers by PID.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

/** Every daemon and job of one cluster carries MARKER=<its temp dir> in its environment. */
export const MARKER = 'NOMAD_TEST_SLURM_CLUSTER';

export function ensureSlurmInstalled(): void {
  if (
    spawnSync('sh', ['-c', 'command -v slurmctld && command -v slurmdbd && command -v munged && command -v mariadbd'])
      .status === 0
  )
    return;
  // From the source tree (vitest) or from dist/ (the compiled capture script): the script is not copied to dist.
  const script = ['../../scripts/install-slurm.sh', '../../../scripts/install-slurm.sh']
    .map((rel) => new URL(rel, import.meta.url).pathname)
    .find((p) => existsSync(p));
  if (!script) throw new Error('SLURM is not installed and scripts/install-slurm.sh was not found');
  const r = spawnSync('bash', [script], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `SLURM is not installed and scripts/install-slurm.sh failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`,
    );
}

export function ensureUser(name: string): void {
  if (spawnSync('id', ['-u', name]).status === 0) return;
  execFileSync('useradd', ['-M', '-s', '/bin/sh', name]);
}

export const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** Kills, by PID, every process that carries this cluster's marker (slurmstepd and job processes outlive slurmd, gotcha 6). */
export function killMarked(dir: string): number {
  const needle = Buffer.from(`${MARKER}=${dir}\0`);
  let killed = 0;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`).includes(needle)) continue;
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      // gone already, or not ours to read
    }
  }
  return killed;
}
