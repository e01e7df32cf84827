// Test helpers for the host collectors: a context that runs real commands, or a small fake for pure units.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type Exec, type ExecResult, execCommand } from '../exec.ts';
import type { CollectContext } from './types.ts';

export const realContext = (overrides: Partial<CollectContext> = {}): CollectContext => ({
  now: Date.now(),
  tags: { host: 'h1', cluster: 'c1' },
  exec: execCommand,
  timeoutMs: 10_000,
  stateDir: tmpdir(),
  ...overrides,
});

export const fixtureText = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
export const fixtureDir = (name: string): string => new URL(`../../test/fixtures/${name}`, import.meta.url).pathname;

/** An exec that answers from a table keyed by "cmd arg arg…" and records every call. */
export function fakeExec(answers: Record<string, Partial<ExecResult>>): Exec & { calls: string[] } {
  const calls: string[] = [];
  const run: Exec = async (cmd, args) => {
    const key = [cmd, ...args].join(' ');
    calls.push(key);
    const a = answers[key];
    if (!a)
      return {
        ok: false,
        stdout: '',
        stderr: '',
        code: null,
        failure: 'missing',
        message: `${cmd}: spawn ${cmd} ENOENT`,
      };
    return { ok: true, stdout: '', stderr: '', code: 0, ...a };
  };
  return Object.assign(run, { calls });
}
