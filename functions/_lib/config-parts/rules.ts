// Alert rules in config ([[alerts.rules]]): a selector, a window, levels per severity, and a message template.
import { z } from 'zod';
import { parseSmoothing } from '../trend-class.ts';
import { duration } from './common.ts';

const ident = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (not starting with a digit)');
const op = z.enum(['>', '>=', '<', '<=']);
const levels = z
  .object({ info: z.number().optional(), warning: z.number().optional(), critical: z.number().optional() })
  .strict()
  .refine(
    (l) => l.info !== undefined || l.warning !== undefined || l.critical !== undefined,
    'give at least one of info, warning, critical',
  );

const selector = {
  id: ident,
  description: z.string().default(''),
  measurement: z.string().min(1),
  field: z.string().min(1),
  /** Tag filters: exact values, or /regex/ . */
  where: z.record(z.string(), z.string()).default({}),
  /** Tags that make one series (one alert each); default: every tag. */
  group_by: z.array(z.string()).default([]),
  message: z.string().default(''),
  /** Minimum time between two notices of one alert (reminders while firing, and flapping). Default alerts.cooldown. */
  cooldown: duration.optional(),
  enabled: z.boolean().default(true),
};

export const thresholdRuleSchema = z
  .object({
    ...selector,
    kind: z.literal('threshold'),
    op: op.default('>='),
    levels,
    /** The condition must hold over this long (every sample in it) before the alert fires. */
    for: duration.prefault('0s'),
    window: duration.prefault('15m'),
  })
  .strict();

const smoothingSpec = z
  .string()
  .refine((s) => parseSmoothing(s) !== undefined, 'none, ema:ALPHA (0 < ALPHA <= 1) or sma:N');
const trendClass = z.enum([
  'stable',
  'growing_linear',
  'declining_linear',
  'growing_accelerating',
  'growing_decelerating',
  'declining_accelerating',
  'declining_decelerating',
]);

export const derivativeRuleSchema = z
  .object({
    ...selector,
    kind: z.literal('derivative'),
    /** rate (per `per`), accel (per `per`²), hours_to_limit, trend (the class is in `trend_in`), or value (smoothed). */
    metric: z.enum(['rate', 'accel', 'hours_to_limit', 'trend', 'value']),
    /**
     * Read a share instead of a field: per bucket, count(field) of the points that also match `numerator`, over
     * count(field) of all points (e.g. failed jobs over finished jobs). Buckets under `min_count` are skipped.
     */
    ratio: z
      .object({ numerator: z.record(z.string(), z.string()), min_count: z.number().int().min(1).default(10) })
      .strict()
      .optional(),
    per: z.enum(['hour', 'day']).default('hour'),
    smoothing: smoothingSpec.default('none'),
    /** For hours_to_limit: a number, or the name of a field of the same series read at the last sample. */
    limit: z.union([z.number(), z.string()]).optional(),
    projection: z.enum(['quadratic', 'linear', 'earliest']).default('quadratic'),
    op: op.optional(),
    levels: levels.optional(),
    trend_in: z.array(trendClass).default([]),
    severity: z.enum(['info', 'warning', 'critical']).default('warning'),
    /** The condition must hold at every check point over this long (sustained). */
    for: duration.prefault('0s'),
    window: duration.prefault('6h'),
    /** Bucket size of the query (mean per bucket); default window / 60. */
    resolution: duration.optional(),
    /** Fewer samples than this in the window: no verdict (gaps never fire a rule). */
    min_samples: z.number().int().min(2).default(3),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.metric === 'trend' && r.trend_in.length === 0)
      ctx.addIssue({ code: 'custom', path: ['trend_in'], message: 'a trend rule needs trend_in' });
    if (r.metric !== 'trend' && !r.levels)
      ctx.addIssue({ code: 'custom', path: ['levels'], message: `a ${r.metric} rule needs levels` });
    if (r.metric === 'hours_to_limit' && r.limit === undefined)
      ctx.addIssue({ code: 'custom', path: ['limit'], message: 'hours_to_limit needs a limit' });
  });

export const absentRuleSchema = z
  .object({
    ...selector,
    kind: z.literal('absent'),
    /** Fires when a series seen in the last `lookback` has had no point for `for`. */
    for: duration.prefault('5m'),
    lookback: duration.prefault('24h'),
    severity: z.enum(['info', 'warning', 'critical']).default('warning'),
  })
  .strict();

export const ruleSchema = z.discriminatedUnion('kind', [thresholdRuleSchema, derivativeRuleSchema, absentRuleSchema]);
export type Rule = z.infer<typeof ruleSchema>;
export type ThresholdRule = z.infer<typeof thresholdRuleSchema>;
export type DerivativeRule = z.infer<typeof derivativeRuleSchema>;
export type AbsentRule = z.infer<typeof absentRuleSchema>;
