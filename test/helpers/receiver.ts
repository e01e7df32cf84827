// A real HTTP receiver for webhooks: records every request, can be told to fail, and waits for a match.
import { type IncomingHttpHeaders, createServer } from 'node:http';

export interface Received {
  /** Epoch ms when the request was complete. */
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answer the next requests with this status (e.g. 503 while "down"). */
  failWith(status: number | undefined): void;
  waitFor(pred: (r: Received) => boolean, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let failStatus: number | undefined;
  const srv = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      if (failStatus) return void res.writeHead(failStatus).end();
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        /* keep raw */
      }
      received.push({ at: Date.now(), headers: req.headers, body, json });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    failWith: (s) => void (failStatus = s),
    async waitFor(pred, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline)
          throw new Error(
            `no matching webhook within ${timeoutMs} ms; got ${received.length}: ${received.map((r) => r.body).join('\n')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}
