// Batches line protocol to InfluxDB. While InfluxDB is down, lines wait in the queue and are retried
// with backoff; a partial write (400) has stored the good lines, so its bad ones are reported, never resent.
import type { Logger } from '../functions/_lib/deps.ts';
import { NomadError } from '../functions/_lib/errors.ts';
import type { InfluxClient } from '../functions/_lib/influx.ts';
import { type Point, encodePoint } from '../functions/_lib/line-protocol.ts';
import { backoffDelay } from '../functions/_lib/retry.ts';

/** Where lines wait. The in-memory queue lives with the process; a disk spool survives restarts. */
export interface LineQueue {
  push(lines: string[]): void;
  /** Up to `max` oldest lines, not yet removed. */
  peek(max: number): string[];
  /** Removes the `n` oldest lines after they were delivered. */
  drop(n: number): void;
  readonly size: number;
}

export function memoryQueue(): LineQueue {
  let lines: string[] = [];
  return {
    push: (l) => void lines.push(...l),
    peek: (max) => lines.slice(0, max),
    drop: (n) => void (lines = lines.slice(n)),
    get size() {
      return lines.length;
    },
  };
}

export interface WriterStats {
  written: number;
  rejected: number;
  failures: number;
  queued: number;
  /** Bytes waiting on disk and lines dropped by the size cap, when the queue is a disk spool. */
  spoolBytes?: number;
  dropped?: number;
}

export interface BatchWriter {
  enqueue(points: Point[]): void;
  /** Sends everything queued; resolves when the queue is empty or InfluxDB failed (the lines stay queued). */
  flush(): Promise<boolean>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
  stats(): WriterStats;
}

export function createBatchWriter(deps: {
  store: InfluxClient;
  log: Logger;
  queue?: LineQueue;
  batchSize?: number;
}): BatchWriter {
  const queue = deps.queue ?? memoryQueue();
  const batchSize = deps.batchSize ?? 5000;
  const stats = { written: 0, rejected: 0, failures: 0 };
  let timer: NodeJS.Timeout | undefined;
  let inflight: Promise<boolean> | undefined;
  let failuresInRow = 0;
  let retryAt = 0;

  async function drain(): Promise<boolean> {
    while (queue.size > 0) {
      const batch = queue.peek(batchSize);
      try {
        const r = await deps.store.write(batch.join('\n'), { retry: false });
        stats.written += batch.length - r.rejected.length;
        stats.rejected += r.rejected.length;
        for (const bad of r.rejected)
          deps.log.warn({ category: 'store', line: bad.line, reason: bad.reason }, 'InfluxDB rejected a line');
        queue.drop(batch.length);
        failuresInRow = 0;
      } catch (err) {
        stats.failures++;
        failuresInRow++;
        retryAt =
          Date.now() + backoffDelay(failuresInRow, { attempts: Infinity, baseDelayMs: 500, maxDelayMs: 30_000 });
        const e = err instanceof NomadError ? err : undefined;
        deps.log.warn(
          { category: 'store', err: (err as Error).message, code: e?.code, queued: queue.size },
          'write failed; lines stay queued',
        );
        return false;
      }
    }
    return true;
  }

  const flush = (): Promise<boolean> => {
    inflight ??= drain().finally(() => (inflight = undefined));
    return inflight;
  };

  return {
    enqueue(points) {
      const lines: string[] = [];
      for (const p of points) {
        const l = encodePoint(p, 'ms');
        if (l !== undefined) lines.push(l);
      }
      if (lines.length) queue.push(lines);
    },
    flush,
    start(intervalMs) {
      timer = setInterval(() => {
        if (Date.now() >= retryAt) void flush();
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await inflight;
      await flush();
    },
    stats: () => {
      const q = queue as LineQueue & { bytes?: number; dropped?: number };
      return { ...stats, queued: q.size, spoolBytes: q.bytes, dropped: q.dropped };
    },
  };
}
