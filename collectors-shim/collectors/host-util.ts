// Helpers the host collectors share: running a parser on a command's output, deadlines, bounded concurrency.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ExecResult } from '../exec.ts';
import type { Parser, Problem } from '../parsers/types.ts';
import type { CollectContext, CollectResult } from './types.ts';

/**
 * Parses what a command printed. A command that failed with no output is the collector's error; one that failed but
 * printed something (a license server down, "No sensors found!") is parsed and its failure kept as a problem.
 */
export function parseOutput(
  parser: Parser,
  res: ExecResult,
  ctx: CollectContext,
  tags: Record<string, string> = {},
): CollectResult {
  const what = res.message ?? 'command failed';
  if (!res.ok && !res.stdout.trim()) return { points: [], problems: [], error: what };
  const r = parser.parse(res.stdout, { now: ctx.now, tags: { ...ctx.tags, ...tags } });
  const problems: Problem[] = [...r.problems];
  if (!res.ok) problems.push({ line: 0, text: res.stderr.trim().slice(0, 300), reason: what });
  return { points: r.points, problems };
}

/** Several results into one; `error` only when every part failed, so one bad server does not hide the others. */
export function mergeResults(parts: CollectResult[]): CollectResult {
  const out: CollectResult = { points: [], problems: [] };
  for (const p of parts) {
    out.points.push(...p.points);
    out.problems.push(...p.problems);
    if (p.error) out.problems.push({ line: 0, text: '', reason: p.error });
  }
  const errors = parts.filter((p) => p.error);
  if (parts.length > 0 && errors.length === parts.length) out.error = errors.map((e) => e.error).join('; ');
  return out;
}

/**
 * Resolves after `ms` even if `work` never settles. A process stuck in the kernel (a hung NFS mount) ignores
 * SIGKILL, so the exec's own close event may never come: the collector must not wait for it.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * A probe that must never hang the shim (a dead NFS server, an ssh that never answers): the command's own timeout,
 * and a deadline a second later that gives up on the child whatever it does.
 */
export function probe(
  ctx: CollectContext,
  cmd: string,
  args: string[],
  timeoutMs: number,
  what: string,
): Promise<ExecResult> {
  return withDeadline(ctx.exec(cmd, args, { timeoutMs }), timeoutMs + 1000, () => ({
    ok: false,
    stdout: '',
    stderr: '',
    code: null,
    failure: 'timeout' as const,
    message: `${what}: no answer within ${timeoutMs} ms (probe abandoned)`,
  }));
}

/** Runs `fn` over `items` with at most `limit` at a time, results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** True when `cmd` is an executable path or found on PATH (for auto-detection, not for running). */
export function onPath(cmd: string, path = process.env.PATH ?? ''): boolean {
  const candidates = cmd.includes('/')
    ? [cmd]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, cmd));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
