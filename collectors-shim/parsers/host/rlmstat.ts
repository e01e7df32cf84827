// RLM `rlmutil rlmstat -a -c <port@host>`: the rlm server and each ISV server up or down, pool counts per feature and
// version (with expiry), and the users holding them. A failed connection becomes a server-down point and a problem.
import type { Point } from '../../../functions/_lib/line-protocol.ts';
import type { ParseContext, ParseResult, Parser, Problem } from '../types.ts';
import { type Feature, addUse, featurePoints, newFeature } from './license-util.ts';
import { emptyResult, point, problem } from './util.ts';

const RE = {
  rlmUp: /^\s*rlm status on (\S+) \(port (\d+)\), up (.+)$/,
  isvUp: /^\s*(\S+) ISV server status on (\S+) \(port (\d+)\), up (.+)$/,
  isvRow: /^\s+(\S+)\s+(\d+)\s+(Yes|No)\s+(\d+)\s*$/,
  pool: /^\s{4}(\S+) v(\S+)\s*$/,
  counts: /^\s+count: (\d+), # reservations: (\d+), inuse: (\d+), exp: (\S+)/,
  usage: /^\s+(\S+) v(\S+): (.+?)@(\S+) (\d+)\/(\d+) at /,
  connectError: /^Error connecting to "(\S+)" server/,
  attempted: /^Connection attempted to host: "([^"]+)" on port (\d+)/,
  ignore:
    /^(\$ |Setting license file path|rlmutil v|Copyright|\s+(rlm software|rlm comm|\S+ software version|\S+ comm version|\S+ Debug log|\S+ Report log|Startup time|Todays Statistics|Recent Statistics|Recent Stats|\d|Messages:|Connections:|Checkouts:|Denials:|Removals:|-{3,}|Name\s+Port|obsolete:|\S+ license (pool|usage) status on))/,
};

/** `99d 11:08:25` → seconds. */
function uptimeSeconds(s: string): number | undefined {
  const m = /^(?:(\d+)d )?(\d+):(\d\d):(\d\d)/.exec(s.trim());
  return m ? Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : undefined;
}

export function parseRlmstat(text: string, ctx: ParseContext): ParseResult {
  if (!text.trim()) return emptyResult('license server or feature');
  const problems: Problem[] = [];
  const servers: Point[] = [];
  const features = new Map<string, Feature>();
  const isvRestarts = new Map<string, { running: boolean; restarts: number; port: string }>();
  let pool: Feature | undefined;
  let failed: { daemon: string; line: number; text: string } | undefined;
  let m: RegExpExecArray | null;
  const server = (tags: Record<string, string | undefined>, fields: Point['fields']) =>
    servers.push(point('license_server', ctx, { type: 'rlm', ...tags }, fields));
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || RE.ignore.test(line)) return;
    if ((m = RE.rlmUp.exec(line))) {
      server(
        { server: m[1], port: m[2], daemon: 'rlm' },
        { up: true, uptime: { int: uptimeSeconds(m[3] ?? '') ?? 0 } },
      );
    } else if ((m = RE.isvUp.exec(line))) {
      const isv = isvRestarts.get(m[1] ?? '');
      server(
        { server: m[2], port: m[3], daemon: m[1] },
        { up: true, uptime: { int: uptimeSeconds(m[4] ?? '') ?? 0 }, restarts: isv && { int: isv.restarts } },
      );
      isvRestarts.delete(m[1] ?? '');
    } else if ((m = RE.isvRow.exec(line))) {
      isvRestarts.set(m[1] ?? '', { port: m[2] ?? '', running: m[3] === 'Yes', restarts: Number(m[4]) });
    } else if ((m = RE.counts.exec(line)) && pool) {
      [pool.issued, pool.reserved, pool.used, pool.expires] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]];
    } else if ((m = RE.usage.exec(line))) {
      const f = features.get(`${m[1]} v${m[2]}`);
      if (f) addUse(f, m[3] ?? '', Number(m[5]));
      else problems.push(problem(i + 1, line, 'usage of a feature not listed in the pool status'));
    } else if ((m = RE.pool.exec(line))) {
      pool = newFeature(m[1] ?? '');
      pool.version = m[2];
      features.set(`${m[1]} v${m[2]}`, pool);
    } else if ((m = RE.connectError.exec(line))) {
      failed = { daemon: m[1] ?? 'rlm', line: i + 1, text: line };
    } else if (failed && (m = RE.attempted.exec(line))) {
      server({ server: m[1], port: m[2], daemon: failed.daemon }, { up: false, error: failed.text });
    } else if (!failed) {
      problems.push(problem(i + 1, line, 'not an rlmstat line'));
    }
  });
  // ISV servers listed as not running have no status block of their own.
  for (const [daemon, s] of isvRestarts)
    server({ daemon, port: s.port }, { up: s.running, restarts: { int: s.restarts } });
  if (failed) {
    if (!servers.some((s) => s.fields.up === false))
      server({ daemon: failed.daemon }, { up: false, error: failed.text });
    problems.push(problem(failed.line, failed.text, 'license server not reachable'));
  }
  const points = [...servers, ...featurePoints(features.values(), 'rlm', ctx)];
  if (points.length === 0 && problems.length === 0) problems.push(problem(1, '', 'no license server or feature found'));
  return { points, problems };
}

export const rlmstatParser: Parser = {
  name: 'rlmstat',
  command: 'rlmutil rlmstat -a -c <port@host>',
  description: 'RLM and ISV servers up/down, seats issued/used/reserved per feature and version, users, days to expiry',
  parse: parseRlmstat,
};
