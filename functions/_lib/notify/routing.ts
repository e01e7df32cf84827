// Routing and retries of one target, from its config: which notices it takes, and how hard to try each one.
import type { RouteConfig } from '../config-parts/notify.ts';
import type { RetryPolicy } from '../retry.ts';
import { type AlertEvent, severityRank } from './types.ts';

/** Exact value, or /regex/ (matched anywhere unless anchored). */
export function tagMatcher(pattern: string): (value: string | undefined) => boolean {
  if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) {
    const re = new RegExp(pattern.slice(1, -1));
    return (v) => v !== undefined && re.test(v);
  }
  return (v) => v === pattern;
}

/** The values a `match` entry can test: the series' tags, then cluster, rule and source (which win). */
export function matchableTags(e: AlertEvent): Record<string, string> {
  return { ...e.series.tags, cluster: e.cluster, rule: e.rule, source: e.source };
}

/**
 * Severity gates firing, escalated and reminder notices only: an acknowledgement or a resolution always follows,
 * since a missing "resolved" leaves someone chasing a problem that is gone, and a stray one costs nothing.
 */
export function routeFilter(r: Pick<RouteConfig, 'min_severity' | 'match' | 'kinds'>): (e: AlertEvent) => boolean {
  const kinds = new Set<string>(r.kinds);
  const matchers = Object.entries(r.match).map(([k, p]) => [k, tagMatcher(p)] as const);
  return (e) => {
    if (!kinds.has(e.kind)) return false;
    const informational = e.kind === 'resolved' || e.kind === 'acknowledged';
    if (!informational && severityRank[e.severity] < severityRank[r.min_severity]) return false;
    const tags = matchableTags(e);
    return matchers.every(([k, m]) => m(tags[k]));
  };
}

export function retryPolicy(r: Pick<RouteConfig, 'attempts' | 'retry_delay' | 'retry_max_delay'>): RetryPolicy {
  return { attempts: r.attempts, baseDelayMs: r.retry_delay, maxDelayMs: Math.max(r.retry_delay, r.retry_max_delay) };
}
