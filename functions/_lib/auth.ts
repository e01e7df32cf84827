// Bearer tokens for write endpoints (api.tokens), compared in constant time.
import type { Context, Next } from 'hono';
import type { Deps } from './deps.ts';
import { NomadError } from './errors.ts';
import { constantTimeEqual } from './notify/signature.ts';

export function requireBearer(deps: Deps) {
  return async (c: Context, next: Next) => {
    const tokens = deps.config().api.tokens.filter(Boolean);
    if (tokens.length === 0)
      throw new NomadError('unauthorized', 'no api.tokens configured: write endpoints are closed');
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m) throw new NomadError('unauthorized', 'missing bearer token', { field: 'authorization' });
    if (!tokens.some((t) => constantTimeEqual(t, m[1]!.trim())))
      throw new NomadError('unauthorized', 'invalid bearer token', { field: 'authorization' });
    await next();
  };
}
