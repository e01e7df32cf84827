// Webhook signatures: HMAC-SHA256 over "<unix seconds>.<body>", sent as `t=<ts>,v1=<hex>`.
// Receivers accept a current and a next secret, so keys rotate without a gap.
const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const SIGNATURE_HEADER = 'x-nomad-signature';

export async function signBody(secret: string, body: string, nowMs: number): Promise<string> {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
}

/** Compares in time independent of where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export async function verifySignature(
  header: string | null | undefined,
  body: string,
  secrets: string[],
  opts: { nowMs: number; toleranceSec?: number },
): Promise<VerifyResult> {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1) return { ok: false, reason: 'malformed signature header' };
  if (Math.abs(opts.nowMs / 1000 - t) > (opts.toleranceSec ?? 300))
    return { ok: false, reason: 'signature timestamp outside the replay window' };
  for (const secret of secrets.filter(Boolean)) {
    if (constantTimeEqual(await hmacHex(secret, `${t}.${body}`), parts.v1)) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match' };
}
