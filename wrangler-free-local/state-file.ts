// The running stack's address book, so `nomad status`, `nomad stop` and the CLI views find it from another shell.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const stateSchema = z.object({
  pid: z.number(),
  url: z.string(),
  influxUrl: z.string(),
  database: z.string(),
  influxdPid: z.number().nullable(),
  startedAt: z.string(),
  configPath: z.string(),
});
export type StackState = z.infer<typeof stateSchema>;

export const statePath = (dataDir: string) => join(dataDir, 'nomad.state.json');

export function writeState(dataDir: string, s: StackState): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(statePath(dataDir), JSON.stringify(s, null, 2));
}

export function readState(dataDir: string): StackState | undefined {
  const p = statePath(dataDir);
  if (!existsSync(p)) return undefined;
  const r = stateSchema.safeParse(JSON.parse(readFileSync(p, 'utf8')));
  return r.success ? r.data : undefined;
}

export function clearState(dataDir: string, pid: number): void {
  const s = readState(dataDir);
  if (s?.pid === pid) rmSync(statePath(dataDir), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
