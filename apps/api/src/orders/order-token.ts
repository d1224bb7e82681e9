import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer secret for the diner's read access; only its hash is stored. */
export function newOrderToken(): { token: string; hash: string } {
  const token = `ot_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashOrderToken(token) };
}

export function hashOrderToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function orderTokenMatches(token: string | undefined, hash: string): boolean {
  if (!token) return false;
  const given = Buffer.from(hashOrderToken(token), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
