import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { freshDatabase, influxUrl } from '../../test/helpers/influx.ts';
import { NomadError } from './errors.ts';
import { createInfluxClient, parsePartialWrite } from './influx.ts';

describe('InfluxDB client against a real influxd', () => {
  it('writes points and reads them back as typed rows', async () => {
    const store = await freshDatabase('client_rw');
    await store.write([
      { measurement: 'cpu', tags: { host: 'a' }, fields: { v: 1.5 }, time: 1_700_000_000_000 },
      { measurement: 'cpu', tags: { host: 'b' }, fields: { v: 2.5 }, time: 1_700_000_001_000 },
    ]);
    const rows = await store.rows('SELECT v FROM cpu GROUP BY host');
    expect(rows).toEqual([
      { _series: 'cpu', host: 'a', time: 1_700_000_000_000, v: 1.5 },
      { _series: 'cpu', host: 'b', time: 1_700_000_001_000, v: 2.5 },
    ]);
  });

  it('reports the lines of a partial write and keeps the good ones stored', async () => {
    const store = await freshDatabase('client_partial');
    const r = await store.write('ok v=1 1\nbad line here\nok v=2 2\nbad2 x 3');
    expect(r.rejected).toEqual([
      { line: 'bad line here', reason: 'invalid field format' },
      { line: 'bad2 x 3', reason: 'invalid field format' },
    ]);
    const rows = await store.rows('SELECT count(v) AS n FROM ok');
    expect(rows[0]?.n).toBe(2);
  });

  it('reports a field type conflict with InfluxDB’s own message', async () => {
    const store = await freshDatabase('client_conflict');
    await store.write('m v=1 1');
    const r = await store.write('m v="text" 2\nm v=3 3');
    expect(r.rejected[0]?.reason).toMatch(/field type conflict: input field "v" on measurement "m" is type string/);
    expect((await store.rows('SELECT count(v) AS n FROM m'))[0]?.n).toBe(2);
  });

  it('throws InfluxQL parse errors (HTTP 400) and statement errors (HTTP 200) with the server’s message', async () => {
    const store = await freshDatabase('client_errors');
    await expect(store.query('SELEC x')).rejects.toThrow(/error parsing query: found SELEC/);
    await expect(store.query('SELECT nosuchfn(v) FROM m')).rejects.toThrow(/undefined function nosuchfn\(\)/);
  });

  it('fails a write to a missing database as retryable, keeping InfluxDB’s message', async () => {
    const store = createInfluxClient({ url: influxUrl(), database: 'no_such_db', retry: { attempts: 1 } });
    const err = await store.write('m v=1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NomadError);
    expect((err as NomadError).message).toMatch(/database not found/);
    expect((err as NomadError).retryable).toBe(true);
  });

  it('reports an unreachable server as store_unavailable after its retries', async () => {
    const store = createInfluxClient({
      url: 'http://127.0.0.1:9',
      database: 'x',
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    await expect(store.write('m v=1')).rejects.toMatchObject({ code: 'store_unavailable', retryable: true });
    expect(await store.ping()).toBe(false);
  });
});

describe('InfluxDB authentication headers', () => {
  // A tiny HTTP receiver records what the client sends; InfluxDB 2.x and 3.x read exactly these headers.
  async function capture(auth: Parameters<typeof createInfluxClient>[0]['auth']): Promise<string | undefined> {
    let seen: string | undefined;
    const srv = createServer((req, res) => {
      seen = req.headers.authorization;
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await createInfluxClient({ url: `http://127.0.0.1:${port}`, database: 'd', auth }).write('m v=1');
    srv.close();
    return seen;
  }

  it('sends none, Basic user:password, or Token', async () => {
    expect(await capture({ kind: 'none' })).toBeUndefined();
    expect(await capture({ kind: 'basic', username: 'u', password: 'p' })).toBe(`Basic ${btoa('u:p')}`);
    expect(await capture({ kind: 'token', token: 'T0K' })).toBe('Token T0K');
  });

  it('parses partial-write messages line by line', () => {
    expect(parsePartialWrite("partial write: unable to parse 'a b': invalid field format dropped=0")).toEqual([
      { line: 'a b', reason: 'invalid field format' },
    ]);
  });
});
