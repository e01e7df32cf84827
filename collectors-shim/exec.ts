// Runs one command with a timeout. A missing command, a non-zero exit or a timeout is a result, never a throw.
import { spawn } from 'node:child_process';

export interface ExecResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  code: number | null;
  /** Why it failed: 'missing' (not on PATH), 'timeout', 'exit' (non-zero), 'error' (anything else). */
  failure?: 'missing' | 'timeout' | 'exit' | 'error';
  message?: string;
}

export type Exec = (cmd: string, args: string[], opts: { timeoutMs: number }) => Promise<ExecResult>;

const MAX_OUTPUT = 64 * 1024 * 1024;

export const execCommand: Exec = (cmd, args, { timeoutMs }) =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    } catch (err) {
      return resolve({ ok: false, stdout, stderr, code: null, failure: 'error', message: (err as Error).message });
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 65536) stderr += d;
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const failure = err.code === 'ENOENT' ? 'missing' : 'error';
      resolve({ ok: false, stdout, stderr, code: null, failure, message: `${cmd}: ${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut)
        return resolve({
          ok: false,
          stdout,
          stderr,
          code,
          failure: 'timeout',
          message: `${cmd} timed out after ${timeoutMs} ms`,
        });
      if (code !== 0)
        return resolve({
          ok: false,
          stdout,
          stderr,
          code,
          failure: 'exit',
          message: `${cmd} exited ${code}: ${stderr.trim().slice(0, 300)}`,
        });
      resolve({ ok: true, stdout, stderr, code });
    });
  });
