import { Hono } from 'hono';
import { loadAlertStates } from '../_lib/alert-state.ts';
import { requireBearer } from '../_lib/auth.ts';
import type { Deps } from '../_lib/deps.ts';
import { parseDuration } from '../_lib/duration.ts';
import { NomadError, describeIssues } from '../_lib/errors.ts';
import { installErrorHandler, parseJsonBody } from '../_lib/http.ts';
import { scheduledRoute } from '../_lib/scheduled.ts';
import { verifyAckLink } from '../_lib/ack-link.ts';
import { runAck } from './ack.ts';
import { runEvaluate } from './run.ts';
import { ackBodySchema, alertIdSchema, listQuerySchema } from './schemas.ts';

function parseId(raw: string): string {
  const r = alertIdSchema.safeParse(raw);
  if (!r.success) throw new NomadError('bad_request', describeIssues(r.error.issues).message, { field: 'id' });
  return r.data;
}

export function createApp(deps: Deps): Hono {
  const app = new Hono();
  installErrorHandler(app, deps.log);
  app.post(
    '/evaluate',
    scheduledRoute('alerts', 'evaluate', deps, (now) => runEvaluate(deps, { now })),
  );
  app.get('/list', async (c) => {
    const q = listQuerySchema.safeParse({ window: c.req.query('window') ?? undefined });
    if (!q.success) throw new NomadError('bad_request', describeIssues(q.error.issues).message, { field: 'window' });
    const states = await loadAlertStates(deps.store, {
      nowMs: deps.now(),
      lookbackMs: parseDuration(q.data.window) ?? 7 * 86_400_000,
    });
    return c.json({ alerts: [...states.values()].sort((a, b) => b.lastNotice - a.lastNotice) });
  });
  app.post('/:id/ack', requireBearer(deps), async (c) => {
    const id = parseId(c.req.param('id') ?? '');
    const text = await c.req.text();
    const by = text.trim() ? parseJsonBody(text, ackBodySchema).by : 'api';
    return c.json(await runAck(deps, id, by, deps.now()));
  });
  // The signed link in a notification: a GET, since mail clients open links; acknowledging twice is harmless.
  app.get('/ack', async (c) => {
    const q = { id: c.req.query('id'), exp: c.req.query('exp'), sig: c.req.query('sig') };
    const problem = await verifyAckLink(deps.config(), q, deps.now());
    if (problem) throw new NomadError('unauthorized', problem, { field: 'sig' });
    const r = await runAck(deps, parseId(q.id!), 'link', deps.now());
    return c.json(r);
  });
  return app;
}
