// FlexLM `lmutil lmstat -a -c <license>` (servers, vendor daemons, seats per feature, users) and the expiry table of
// `lmutil lmstat -i -c <license>`. Tags never depend on whether a feature is in use (vendor and version appear only
// then), so each feature stays one series: type + feature.
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { type Feature, addUse, daysToExpiry, featurePoints, newFeature } from './license-util.ts';
import { emptyResult, point, problem } from './util.ts';

const RE = {
  serverList: /^License server status: (.+)$/,
  serverUp: /^(\S+): license server UP( \(MASTER\))?(?: (v\S+))?/,
  serverDown: /^(\S+): (Cannot connect to license server.*|license server DOWN.*)$/,
  allDown: /^(lmgrd is not running|Error getting status|Cannot connect to license server|Cannot find license file)/,
  vendorSection: /^Vendor daemon status \(on (\S+)\):/,
  vendor: /^\s+(\S+): (UP\b.*|.+)$/,
  usersOf: /^Users of (.+?):\s+\(Total of (\d+) licenses? issued;\s+Total of (\d+) licenses? in use\)/,
  usersOfOther: /^Users of (.+?):\s+\((.*)\)\s*$/,
  details: /^\s+"[^"]+" v\S+, vendor: [^,]+(?:, expiry: (\S+))?/,
  reservation: /^\s+(\d+) RESERVATIONs? for /,
  checkout: /^\s+(.+?) \(v([^)]*)\) \([^)]*\), start [^,]+?(?:, (\d+) licenses?)?(?:\s+\(linger.*\))?\s*$/,
  queued: /^\s+(.+?) \(v([^)]*)\) \([^)]*\) queued for (\d+) licenses?/,
  expiryRow: /^(\S+)\s+(\S+)\s+(\d+)\s+(\d{1,2}-[a-z]{3}-\d{1,4}|permanent)\s+(\S+)\s*$/i,
  ignore:
    /^(lmutil - |Flexible License Manager status|\s+License file\(s\) on |Feature usage info:|\s+(floating|nodelocked|uncounted).*license|NOTE: lmstat -i|\s+but only reads the license file|\s+lmstat -a is recommended|Feature\s+Version\s+#licenses|_{4,})/,
};

/** "John Doe host display" → "John Doe": the last two words are host and display, unless only two are left. */
function userOf(prefix: string, version: string): string {
  const words = prefix.trim().split(/\s+/);
  if (words.length > 3 && `v${words[words.length - 1]}` === `v${version}`) words.pop(); // queued rows repeat the version
  return words.length > 2 ? words.slice(0, -2).join(' ') : (words[0] ?? '');
}

export function parseLmstat(text: string, ctx: ParseContext): ParseResult {
  if (!text.trim()) return emptyResult('license server or feature');
  const problems: Problem[] = [];
  const servers = new Map<
    string,
    { port?: string; up?: boolean; master?: boolean; version?: string; error?: string }
  >();
  const daemons: Point[] = [];
  const features = new Map<string, Feature>();
  const expiries = new Map<string, string>();
  let vendorHost: string | undefined;
  let feature: Feature | undefined;
  let globalError: string | undefined;
  let m: RegExpExecArray | null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || (RE.ignore.test(line) && !RE.expiryRow.test(line))) return;
    if ((m = RE.serverList.exec(line))) {
      for (const s of (m[1] ?? '').split(/[,:]/)) {
        const [port, host] = s.includes('@') ? s.split('@') : [undefined, s];
        if (host) servers.set(host.trim(), { port: port?.trim() });
      }
    } else if ((m = RE.serverUp.exec(line))) {
      servers.set(m[1] ?? '', { ...servers.get(m[1] ?? ''), up: true, master: !!m[2], version: m[3] });
    } else if ((m = RE.serverDown.exec(line))) {
      servers.set(m[1] ?? '', { ...servers.get(m[1] ?? ''), up: false, error: m[2] });
    } else if (RE.allDown.test(line)) {
      globalError ??= line.trim();
    } else if ((m = RE.vendorSection.exec(line))) {
      vendorHost = m[1];
    } else if ((m = RE.usersOf.exec(line)) || (m = RE.usersOfOther.exec(line))) {
      vendorHost = undefined;
      const name = m[1] ?? '';
      feature = features.get(name) ?? newFeature(name);
      features.set(name, feature);
      if (m.length === 4) [feature.issued, feature.used] = [Number(m[2]), Number(m[3])];
      else if (/uncounted/i.test(m[2] ?? '')) feature.uncounted = true;
      else problems.push(problem(i + 1, line, `feature status not understood: ${m[2]}`));
    } else if (vendorHost && !feature && (m = RE.vendor.exec(line))) {
      const up = (m[2] ?? '').startsWith('UP');
      const version = up ? /\bv\d\S*/.exec(m[2] ?? '')?.[0] : undefined;
      daemons.push(
        point(
          'license_server',
          ctx,
          { type: 'flexlm', server: vendorHost, daemon: m[1] },
          { up, version, error: up ? undefined : m[2] },
        ),
      );
    } else if (feature && (m = RE.details.exec(line))) {
      if (m[1]) feature.expires = m[1];
    } else if (feature && (m = RE.reservation.exec(line))) {
      feature.reserved += Number(m[1]);
    } else if (feature && (m = RE.queued.exec(line))) {
      feature.queued += Number(m[3]);
    } else if (feature && (m = RE.checkout.exec(line))) {
      addUse(feature, userOf(m[1] ?? '', m[2] ?? ''), m[3] ? Number(m[3]) : 1);
    } else if ((m = RE.expiryRow.exec(line))) {
      // lmstat -i lists a feature once per license line: keep the date that comes first.
      const [name, date] = [m[1] ?? '', m[4] ?? ''];
      const prev = expiries.get(name);
      const days = (d: string) => daysToExpiry(d, ctx.now);
      const rank = (d: string) => (typeof days(d) === 'number' ? (days(d) as number) : Infinity);
      if (prev === undefined || rank(date) < rank(prev)) expiries.set(name, date);
    } else {
      problems.push(problem(i + 1, line, 'not an lmstat line'));
    }
  });
  if (globalError) {
    for (const s of servers.values()) if (s.up === undefined) Object.assign(s, { up: false, error: globalError });
    if (servers.size === 0) servers.set('unknown', { up: false, error: globalError });
    problems.push(problem(0, globalError, 'license server not reachable'));
  }
  const points: Point[] = [];
  for (const [server, s] of servers)
    if (s.up !== undefined)
      points.push(
        point(
          'license_server',
          ctx,
          { type: 'flexlm', server, port: s.port },
          { up: s.up, master: s.master, version: s.version, error: s.error },
        ),
      );
  points.push(...daemons, ...featurePoints(features.values(), 'flexlm', ctx));
  for (const [name, date] of expiries) {
    const days = daysToExpiry(date, ctx.now);
    points.push(
      point(
        'license_feature',
        ctx,
        { type: 'flexlm', feature: name },
        {
          expires: date,
          permanent: days === 'permanent',
          days_to_expiry: typeof days === 'number' ? { int: days } : undefined,
        },
      ),
    );
  }
  if (points.length === 0 && problems.length === 0) problems.push(problem(1, '', 'no license server or feature found'));
  return { points, problems };
}

export const lmstatParser: Parser = {
  name: 'lmstat',
  command: 'lmutil lmstat -a -c <port@host>   and   lmutil lmstat -i -c <port@host>',
  description:
    'FlexLM servers and vendor daemons up/down, seats issued/used/reserved per feature, users, days to expiry',
  parse: parseLmstat,
};
