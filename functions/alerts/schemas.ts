import { z } from 'zod';

export const evaluateSummarySchema = z.object({
  ok: z.boolean(),
  function: z.literal('alerts'),
  task: z.literal('evaluate'),
  duration_ms: z.number(),
  rules: z.number(),
  series: z.number(),
  firing: z.number(),
  notices: z.number(),
  rule_errors: z.number(),
});
export type EvaluateSummary = z.infer<typeof evaluateSummarySchema>;

export const ackBodySchema = z.object({ by: z.string().min(1).max(200).default('api') }).strict();
export const ackResultSchema = z.object({ id: z.string(), state: z.string(), by: z.string(), changed: z.boolean() });

export const alertIdSchema = z.string().regex(/^[0-9a-f]{8}$/, 'an alert id is 8 hex digits');
export const listQuerySchema = z.object({
  window: z
    .string()
    .regex(/^\d+[smhdw]$/, 'a duration such as 7d')
    .default('7d'),
});
