// The one place errors become HTTP responses, and the one way request bodies are validated.
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Logger } from './deps.ts';
import { NomadError, describeIssues, toNomadError } from './errors.ts';

export function installErrorHandler(app: Hono, log: Logger): void {
  app.onError((err, c) => {
    const e = toNomadError(err);
    if (e.status >= 500) log.error({ err: e.message, code: e.code, category: e.category }, 'request failed');
    return c.json(e.toJSON(), e.status as 400);
  });
  app.notFound((c) => c.json({ code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
}

/** Parses and validates a JSON text (a body already read, e.g. to check its signature); a 400 names the field. */
export function parseJsonBody<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new NomadError('bad_request', 'body is not valid JSON', { field: '(body)' });
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const { field, message } = describeIssues(r.error.issues);
    throw new NomadError('bad_request', message, { field });
  }
  return r.data;
}

/** Reads, parses and validates a JSON body. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  return parseJsonBody(await c.req.text(), schema);
}
