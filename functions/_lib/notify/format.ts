// The words every human-facing channel (email, Slack) uses: what, where, how bad, since when.
import type { AlertEvent, NoticeKind } from './types.ts';

export const kindLabel: Record<NoticeKind, string> = {
  firing: 'FIRING',
  escalated: 'ESCALATED',
  reminder: 'STILL FIRING',
  acknowledged: 'ACKNOWLEDGED',
  resolved: 'RESOLVED',
};

export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : Number(v.toPrecision(4)).toString();
}

/** `host=n1, path=/scratch`: the series' tags, sorted. */
export function whereText(e: AlertEvent): string {
  const tags = Object.keys(e.series.tags)
    .sort()
    .map((k) => `${k}=${e.series.tags[k]}`);
  return tags.join(', ') || '(no tags)';
}

/** One line for subjects and headers: `CRITICAL FIRING disk_used_percent on hpc1 (host=n1, path=/scratch)`. */
export function titleLine(e: AlertEvent): string {
  const sev = e.kind === 'resolved' ? '' : `${e.severity.toUpperCase()} `;
  const tags = whereText(e);
  return `${sev}${kindLabel[e.kind]} ${e.rule} on ${e.cluster}${tags === '(no tags)' ? '' : ` (${tags})`}`;
}

/** The value against its limit: `97.2 (limit 95)`. */
export function valueText(e: AlertEvent): string {
  return e.limit === null ? formatNumber(e.value) : `${formatNumber(e.value)} (limit ${formatNumber(e.limit)})`;
}

/** When the condition began (the notice's `since`, a `since` detail, else the notice time), as ISO 8601 UTC. */
export function sinceText(e: AlertEvent): string {
  const s = e.since ?? e.details.since;
  const ms = typeof s === 'number' ? s : typeof s === 'string' ? Date.parse(s) : NaN;
  return new Date(Number.isFinite(ms) ? ms : Date.parse(e.at)).toISOString();
}

/** Details worth showing a person, without the ones already in the title or the value line. */
export function detailEntries(e: AlertEvent): Array<[string, string]> {
  return Object.entries(e.details)
    .filter(([k, v]) => v !== null && v !== '' && k !== 'since')
    .map(([k, v]) => [k, typeof v === 'number' ? formatNumber(v) : String(v)]);
}
