import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../_lib/deps.ts';
import { NomadError } from '../_lib/errors.ts';
import { installErrorHandler, parseJsonBody } from '../_lib/http.ts';
import { SIGNATURE_HEADER, verifySignature } from '../_lib/notify/signature.ts';
import { runIngest } from './run.ts';
import { jobEventSchema } from './schemas.ts';

const bodySchema = z.union([jobEventSchema, z.array(jobEventSchema).min(1).max(10_000)]);

export function createApp(deps: Deps): Hono {
  const app = new Hono();
  installErrorHandler(app, deps.log);
  // One event, or a batch (the shim forwards spooled events in batches). Signed like every NOMAD webhook.
  app.post('/job-events', async (c) => {
    const body = await c.req.text();
    const cfg = deps.config().ingest;
    const v = await verifySignature(c.req.header(SIGNATURE_HEADER), body, [cfg.secret, cfg.next_secret], {
      nowMs: deps.now(),
      toleranceSec: cfg.replay_window / 1000,
    });
    if (!cfg.secret) throw new NomadError('unauthorized', 'ingest.secret is not configured: no event is accepted');
    if (!v.ok) throw new NomadError('unauthorized', v.reason, { field: SIGNATURE_HEADER });
    const data = parseJsonBody(body, bodySchema);
    const events = Array.isArray(data) ? data : [data];
    const r = await runIngest(deps, events);
    return c.json({ ok: true as const, written: r.written });
  });
  return app;
}
