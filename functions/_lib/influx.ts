// InfluxDB through the v1 HTTP API (`/write`, `/query`), served by InfluxDB 1.x, 2.x (v1 compatibility) and 3.x.
import { NomadError } from './errors.ts';
import { encodePoints, type Point, type Precision } from './line-protocol.ts';
import { type RetryPolicy, defaultRetry, withRetry } from './retry.ts';

export type InfluxAuth =
  { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'token'; token: string };

export interface InfluxOptions {
  url: string;
  database: string;
  retentionPolicy?: string;
  auth?: InfluxAuth;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
}

export interface RejectedLine {
  line: string;
  reason: string;
}
export interface WriteResult {
  lines: number;
  rejected: RejectedLine[];
}
export interface Series {
  name: string;
  tags: Record<string, string>;
  columns: string[];
  values: unknown[][];
}
export type Row = Record<string, unknown> & { time: number };

export interface InfluxClient {
  readonly database: string;
  write(points: Point[] | string, opts?: { precision?: Precision; retry?: boolean }): Promise<WriteResult>;
  query(q: string, opts?: { database?: string; method?: 'GET' | 'POST' }): Promise<Series[][]>;
  /** Rows of the first statement's series as objects, time in epoch ms, the series tags merged in. */
  rows(q: string): Promise<Array<Row & { _series: string }>>;
  ping(): Promise<boolean>;
}

const PARSE_ERROR = /^(?:partial write: )?unable to parse '(.*)': (.*?)(?: dropped=\d+)?$/;

/** Reads InfluxDB's partial-write message into the lines it refused and why (one message line per problem). */
export function parsePartialWrite(message: string): RejectedLine[] {
  return message
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const m = PARSE_ERROR.exec(l);
      if (m) return { line: m[1] ?? '', reason: m[2] ?? '' };
      return { line: '', reason: l.replace(/^partial write: /, '').replace(/ dropped=\d+$/, '') };
    });
}

export function createInfluxClient(opts: InfluxOptions): InfluxClient {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.url.replace(/\/+$/, '');
  const retry = { ...defaultRetry, ...opts.retry };
  const timeoutMs = opts.timeoutMs ?? 10_000;

  function headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    const a = opts.auth;
    if (a?.kind === 'basic') h.authorization = `Basic ${btoa(`${a.username}:${a.password}`)}`;
    if (a?.kind === 'token') h.authorization = `Token ${a.token}`;
    return h;
  }

  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new NomadError('store_unavailable', `InfluxDB at ${base} unreachable: ${(err as Error).message}`, {
        retryable: true,
        cause: err,
      });
    }
  }

  async function writeOnce(body: string, precision: Precision, lines: number): Promise<WriteResult> {
    const params = new URLSearchParams({ db: opts.database, precision });
    if (opts.retentionPolicy) params.set('rp', opts.retentionPolicy);
    const res = await send(`/write?${params}`, {
      method: 'POST',
      body,
      headers: headers({ 'content-type': 'text/plain' }),
    });
    if (res.status === 204 || res.status === 200) return { lines, rejected: [] };
    const message = await errorMessage(res);
    // A 400 "partial write" has already stored every good line: report the bad ones, never resend.
    if (res.status === 400) return { lines, rejected: parsePartialWrite(message) };
    const retryable = res.status >= 500 || res.status === 404 || res.status === 429;
    const code = res.status >= 500 ? 'store_unavailable' : 'store_rejected';
    throw new NomadError(code, `InfluxDB write failed (${res.status}): ${message}`, { retryable });
  }

  async function query(q: string, qo: { database?: string; method?: 'GET' | 'POST' } = {}): Promise<Series[][]> {
    const params = new URLSearchParams({ db: qo.database ?? opts.database, q, epoch: 'ms' });
    const method = qo.method ?? (/^\s*(select|show)\b/i.test(q) ? 'GET' : 'POST');
    const res = await send(`/query?${params}`, { method, headers: headers() });
    const text = await res.text().catch((err: unknown) => {
      throw new NomadError('store_unavailable', `InfluxQL answer not read: ${(err as Error).message} in: ${q}`, {
        retryable: true,
      });
    });
    if (!res.ok)
      throw new NomadError('store_rejected', `InfluxQL failed (${res.status}): ${extractError(text)} in: ${q}`);
    const body = JSON.parse(text) as { error?: string; results?: Array<{ error?: string; series?: Series[] }> };
    if (body.error) throw new NomadError('store_rejected', `InfluxQL failed: ${body.error} in: ${q}`);
    return (body.results ?? []).map((r, i) => {
      if (r.error) throw new NomadError('store_rejected', `InfluxQL statement ${i} failed: ${r.error} in: ${q}`);
      return (r.series ?? []).map((s) => ({
        ...s,
        tags: s.tags ?? {},
        columns: s.columns ?? [],
        values: s.values ?? [],
      }));
    });
  }

  return {
    database: opts.database,
    async write(points, wo = {}) {
      const precision = wo.precision ?? 'ms';
      const body = typeof points === 'string' ? points : encodePoints(points, precision);
      if (!body) return { lines: 0, rejected: [] };
      const lines = body.split('\n').length;
      if (wo.retry === false) return writeOnce(body, precision, lines);
      return withRetry(() => writeOnce(body, precision, lines), retry);
    },
    query,
    async rows(q) {
      const [first = []] = await query(q);
      return first.flatMap((s) =>
        s.values.map((v) => {
          const row: Record<string, unknown> = { _series: s.name, ...s.tags };
          s.columns.forEach((c, i) => (row[c] = v[i]));
          return row as Row & { _series: string };
        }),
      );
    },
    async ping() {
      try {
        const res = await doFetch(`${base}/ping`, { headers: headers(), signal: AbortSignal.timeout(2000) });
        return res.status === 204 || res.status === 200;
      } catch {
        return false;
      }
    },
  };
}

async function errorMessage(res: Response): Promise<string> {
  return extractError(await res.text().catch(() => ''));
}

function extractError(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: string; message?: string };
    return j.error ?? j.message ?? text;
  } catch {
    return text.trim();
  }
}
