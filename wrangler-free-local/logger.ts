// Structured JSON logs with pino; file output rotates by size (rotating-file-stream), stdout otherwise.
import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { pino } from 'pino';
import { createStream } from 'rotating-file-stream';
import type { Logger } from '../functions/_lib/deps.ts';

export interface LogOptions {
  level: string;
  file: string;
  maxSize: string;
  maxFiles: number;
}

export interface NomadLogger extends Logger {
  level: string;
  flush(): void;
}

export function createLogger(opts: LogOptions, bindings: Record<string, unknown> = {}): NomadLogger {
  const base = { level: opts.level, base: { pid: process.pid, ...bindings }, timestamp: pino.stdTimeFunctions.isoTime };
  if (!opts.file) return pino(base, pino.destination({ dest: 1, sync: true })) as unknown as NomadLogger;
  mkdirSync(dirname(opts.file), { recursive: true });
  // Classical logrotate naming: nomad.log, nomad.log.1 … nomad.log.<maxFiles>.
  const name = basename(opts.file);
  const stream = createStream((index) => (index ? `${name}.${String(index)}` : name), {
    path: dirname(opts.file),
    size: opts.maxSize,
    rotate: opts.maxFiles,
  });
  return pino(base, stream) as unknown as NomadLogger;
}
