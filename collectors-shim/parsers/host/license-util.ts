// Shared by the FlexLM and RLM parsers: expiry dates and per-feature, per-user accumulation.
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext } from '../types.ts';
import { point } from './util.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;

/**
 * `31-dec-2018` → whole days from `now` to the end of that day (UTC), negative once expired; `permanent`,
 * `1-jan-0` and `01-jan-0000` (FlexLM's and RLM's "never") → 'permanent'; anything else → undefined.
 */
export function daysToExpiry(date: string, now: number): number | 'permanent' | undefined {
  const d = date.trim().toLowerCase();
  if (d === 'permanent' || d === 'perm' || d === 'uncounted') return 'permanent';
  const m = /^(\d{1,2})-([a-z]{3})-(\d{1,4})$/.exec(d);
  const month = m ? MONTHS.indexOf(m[2] ?? '') : -1;
  if (!m || month < 0) return undefined;
  const year = Number(m[3]);
  if (year === 0) return 'permanent';
  const end = Date.UTC(year, month, Number(m[1]) + 1);
  return Math.floor((end - now) / DAY_MS);
}

export interface Feature {
  name: string;
  version?: string;
  vendor?: string;
  issued?: number;
  used?: number;
  reserved: number;
  queued: number;
  expires?: string;
  uncounted?: boolean;
  users: Map<string, { seats: number; checkouts: number }>;
}

export const newFeature = (name: string): Feature => ({ name, reserved: 0, queued: 0, users: new Map() });

export function addUse(f: Feature, user: string, seats: number): void {
  const u = f.users.get(user) ?? { seats: 0, checkouts: 0 };
  u.seats += seats;
  u.checkouts += 1;
  f.users.set(user, u);
}

/** `license_feature` and `license_user` points. Tags: feature, vendor, version; user names are bounded (accounts). */
export function featurePoints(features: Iterable<Feature>, type: string, ctx: ParseContext): Point[] {
  const out: Point[] = [];
  for (const f of features) {
    const tags = { type, feature: f.name, vendor: f.vendor, version: f.version };
    const days = f.expires === undefined ? undefined : daysToExpiry(f.expires, ctx.now);
    const free = f.issued !== undefined && f.used !== undefined ? Math.max(0, f.issued - f.used) : undefined;
    out.push(
      point('license_feature', ctx, tags, {
        issued: f.issued === undefined ? undefined : { int: f.issued },
        used: f.used === undefined ? undefined : { int: f.used },
        free: free === undefined ? undefined : { int: free },
        reserved: { int: f.reserved },
        queued: { int: f.queued },
        users: { int: f.users.size },
        uncounted: f.uncounted,
        expires: f.expires,
        permanent: days === undefined ? undefined : days === 'permanent',
        days_to_expiry: typeof days === 'number' ? { int: days } : undefined,
      }),
    );
    for (const [user, u] of f.users)
      out.push(
        point('license_user', ctx, { ...tags, user }, { seats: { int: u.seats }, checkouts: { int: u.checkouts } }),
      );
  }
  return out;
}
