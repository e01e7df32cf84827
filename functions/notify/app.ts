import { Hono } from 'hono';
import type { Deps } from '../_lib/deps.ts';
import { installErrorHandler } from '../_lib/http.ts';
import { scheduledRoute } from '../_lib/scheduled.ts';
import { grafanaRoute } from './grafana.ts';
import { runDeliver } from './run.ts';

export function createApp(deps: Deps): Hono {
  const app = new Hono();
  installErrorHandler(app, deps.log);
  app.post(
    '/deliver',
    scheduledRoute('notify', 'deliver', deps, (now) => runDeliver(deps, { now })),
  );
  app.post('/grafana', grafanaRoute(deps));
  return app;
}
