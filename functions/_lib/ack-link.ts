// Signed acknowledgement links for notifications: /alerts/ack?id=…&exp=…&sig=HMAC(ack_secret, "id.exp").
import type { Config } from './config.ts';
import { constantTimeEqual } from './notify/signature.ts';

const encoder = new TextEncoder();
const LINK_TTL_MS = 7 * 86_400_000;

async function hmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function ackLink(cfg: Config, id: string, now: number): Promise<string | undefined> {
  if (!cfg.alerts.public_url || !cfg.alerts.ack_secret) return undefined;
  const exp = Math.floor((now + LINK_TTL_MS) / 1000);
  const sig = await hmac(cfg.alerts.ack_secret, `${id}.${exp}`);
  return `${cfg.alerts.public_url.replace(/\/+$/, '')}/alerts/ack?id=${encodeURIComponent(id)}&exp=${exp}&sig=${sig}`;
}

export async function verifyAckLink(
  cfg: Config,
  q: { id?: string; exp?: string; sig?: string },
  now: number,
): Promise<string | undefined> {
  if (!cfg.alerts.ack_secret) return 'acknowledgement links are not configured (alerts.ack_secret)';
  if (!q.id || !q.exp || !q.sig) return 'the link is incomplete (id, exp and sig are needed)';
  if (Number(q.exp) * 1000 < now) return 'the link has expired';
  return constantTimeEqual(await hmac(cfg.alerts.ack_secret, `${q.id}.${q.exp}`), q.sig)
    ? undefined
    : 'the link signature does not match';
}
