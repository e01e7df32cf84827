// Runs the built CLIs (bin/*.js → dist/) as a user would. `npm test` builds first.
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function runBin(
  bin: 'nomad' | 'nomad-shim',
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string } = {},
) {
  const r = spawnSync(process.execPath, [`${repoRoot}/bin/${bin}.js`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    input: opts.input,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking the event loop (needed while this process is the parent of a running nomad). */
export function runBinAsync(
  bin: 'nomad' | 'nomad-shim',
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`${repoRoot}/bin/${bin}.js`, ...args],
      { encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
