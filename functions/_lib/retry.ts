// Retry with exponential backoff and full jitter. Units are milliseconds.
import { NomadError } from './errors.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  attempts: number;
  /** Delay before the second attempt. Default 200 ms. */
  baseDelayMs: number;
  /** Upper bound of any one delay. Default 10,000 ms. */
  maxDelayMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 10_000 };

export function backoffDelay(attempt: number, p: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` until it succeeds, it throws something not retryable, or the attempts run out. */
export async function withRetry<T>(fn: () => Promise<T>, p: RetryPolicy = defaultRetry): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const retryable = err instanceof NomadError && err.retryable;
      if (!retryable || attempt >= p.attempts) throw err;
      await sleep(backoffDelay(attempt, p));
    }
  }
}
