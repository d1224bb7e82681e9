import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`, as Stripe signs webhooks. */
export const POS_SIGNATURE_HEADER = 'X-Signature';
export const POS_IDEMPOTENCY_HEADER = 'Idempotency-Key';

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The X-Signature value for a body sent at `timestamp` (unix seconds). */
export function signPosBody(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export interface VerifyOptions {
  /** Oldest accepted signature, in seconds; guards against replays. Default 300. */
  toleranceSeconds?: number;
  now?: number;
}

/**
 * For receivers (and tests): true when `header` signs exactly these raw body bytes with `secret`
 * within the tolerance. Compare against the raw body, before any JSON parsing.
 */
export function verifyPosSignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | undefined,
  options: VerifyOptions = {},
): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const [key, value] = item.trim().split('=', 2);
    if (key && value) parts.set(key, [...(parts.get(key) ?? []), value]);
  }
  const timestamp = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(timestamp)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(secret, timestamp, rawBody.toString()), 'hex');
  return (parts.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
