// A real, small filesystem whose usage a test can grow: a tmpfs mounted in a temp folder (the suite runs as root).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallFs {
  path: string;
  /** Writes a file of `mib` MiB of real data. */
  grow(name: string, mib: number): void;
  shrink(name: string): void;
  unmount(): void;
}

export function mountTmpfs(sizeMiB: number): SmallFs {
  const path = mkdtempSync(join(tmpdir(), 'nomad-fs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', path]);
  } catch (err) {
    throw new Error(`cannot mount a tmpfs at ${path} (the suite needs root): ${(err as Error).message}`);
  }
  return {
    path,
    grow: (name, mib) => writeFileSync(join(path, name), Buffer.alloc(mib * 1024 * 1024, 1)),
    shrink: (name) => rmSync(join(path, name), { force: true }),
    unmount() {
      execFileSync('umount', ['-l', path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
