import { z } from 'zod';

export const evaluateSummarySchema = z.object({
  ok: z.boolean(),
  function: z.literal('alerts'),
  task: z.literal('evaluate'),
  duration_ms: z.number(),
  series: z.number(),
  trend_points: z.number(),
  firing: z.number(),
  notified: z.number(),
  resolved: z.number(),
});
export type EvaluateSummary = z.infer<typeof evaluateSummarySchema>;

/** One `disk` series as InfluxQL returns it with GROUP BY *. */
export const diskRowSchema = z.object({
  time: z.number(),
  used: z.number().nullable(),
  total: z.number().nullable(),
  free: z.number().nullable(),
  used_percent: z.number().nullable(),
});
