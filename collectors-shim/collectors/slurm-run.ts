// Runs a SLURM command as JSON where the installed Slurm supports it, as text otherwise. Support is detected once
// and cached in the collector's state folder for a day (so an upgrade is noticed), never probed every cycle.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ExecResult } from '../exec.ts';
import type { CollectContext } from './types.ts';

export type Format = 'auto' | 'json' | 'text';
type Cmd = readonly [string, readonly string[]];

const Cache = z.object({ json: z.boolean(), checkedAt: z.number() });
const RECHECK_MS = 24 * 3600_000;
// What clients print when they have no --json (22.05 sdiag) or no JSON plugin (builds without libjson/openapi).
const NO_JSON = /unrecognized option|invalid option|unknown option|json|data_parser|serializ/i;

export async function readState<T>(ctx: CollectContext, file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(join(ctx.stateDir, file), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temp file and renamed, so a crash mid-write never leaves a torn cursor. */
export async function writeState(ctx: CollectContext, file: string, value: unknown): Promise<void> {
  await mkdir(ctx.stateDir, { recursive: true });
  const tmp = join(ctx.stateDir, `${file}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, join(ctx.stateDir, file));
}

export interface RunOutcome {
  format: 'json' | 'text';
  result: ExecResult;
}

/** One call per cycle; two only on the first cycle of a Slurm without --json (the probe, then the text). */
export async function runPreferJson(
  ctx: CollectContext,
  format: Format,
  json: Cmd,
  text: Cmd,
  key = 'json-support.json',
): Promise<RunOutcome> {
  const exec = (c: Cmd) => ctx.exec(c[0], [...c[1]], { timeoutMs: ctx.timeoutMs });
  if (format === 'text') return { format: 'text', result: await exec(text) };
  if (format === 'json') return { format: 'json', result: await exec(json) };
  const cached = await readState(ctx, key, Cache);
  if (cached && !cached.json && ctx.now - cached.checkedAt < RECHECK_MS)
    return { format: 'text', result: await exec(text) };
  const result = await exec(json);
  if (result.ok) {
    if (!cached?.json) await writeState(ctx, key, { json: true, checkedAt: ctx.now });
    return { format: 'json', result };
  }
  if (result.failure === 'exit' && NO_JSON.test(result.stderr)) {
    await writeState(ctx, key, { json: false, checkedAt: ctx.now });
    return { format: 'text', result: await exec(text) };
  }
  return { format: 'json', result };
}

/** Marks JSON unusable (a shape this release prints that we do not read), so the next cycles use text. */
export const rememberNoJson = (ctx: CollectContext, key = 'json-support.json') =>
  writeState(ctx, key, { json: false, checkedAt: ctx.now });

export const failed = (r: ExecResult): string => r.message ?? `${r.failure ?? 'failed'}`;

/** `YYYY-MM-DDTHH:MM:SS` in local time, the form `sacct -S` reads. */
export const localIso = (ms: number): string => {
  const d = new Date(ms);
  return new Date(ms - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};
