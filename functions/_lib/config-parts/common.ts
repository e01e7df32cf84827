// Shared pieces of the config schema: durations and the per-collector switch, interval and timeout.
import { z } from 'zod';
import { parseDuration } from '../duration.ts';

export const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use 30s, 5m, 1h)` });
  return ms ?? 0;
});

export const severity = z.enum(['info', 'warning', 'critical']);

/** enabled, interval and timeout: every collector has them. Extend it with the collector's own keys. */
export const collectorBase = (interval: string, timeout: string, enabled = true) =>
  z.object({
    enabled: z.boolean().default(enabled),
    interval: duration.prefault(interval),
    timeout: duration.prefault(timeout),
  });
