import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.ts';

describe('webhook signatures', () => {
  const now = 1_700_000_000_000;

  it('is HMAC-SHA256 of "<t>.<body>" that any receiver can recompute with node:crypto', async () => {
    const header = await signBody('s3cret', '{"a":1}', now);
    const expected = createHmac('sha256', 's3cret')
      .update(`${now / 1000}.{"a":1}`)
      .digest('hex');
    expect(header).toBe(`t=${now / 1000},v1=${expected}`);
  });

  it('accepts the current or the next secret and rejects others, tampering and replays', async () => {
    const header = await signBody('next', 'body', now);
    expect(await verifySignature(header, 'body', ['current', 'next'], { nowMs: now })).toEqual({ ok: true });
    expect(await verifySignature(header, 'body', ['other'], { nowMs: now })).toMatchObject({
      ok: false,
      reason: 'signature does not match',
    });
    expect(await verifySignature(header, 'b0dy', ['next'], { nowMs: now })).toMatchObject({ ok: false });
    expect(await verifySignature(header, 'body', ['next'], { nowMs: now + 3_600_000 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/replay window/),
    });
    expect(await verifySignature(undefined, 'body', ['next'], { nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/missing/),
    });
    expect(await verifySignature('garbage', 'body', ['next'], { nowMs: now })).toMatchObject({
      ok: false,
      reason: 'malformed signature header',
    });
  });
});
