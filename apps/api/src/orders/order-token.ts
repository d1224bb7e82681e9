import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer secret for the diner's read access; only its hash is stored. */
export function newOrderToken(): { token: string; hash: string } {
  const token = `ot_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashOrderToken(token) };
}

export function hashOrderToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const LINK_PREFIX = 'ot_link_';

/** What a token is checked against: the order's id and its stored token hash. */
export interface TokenSubject {
  id: string;
  order_token_hash: string;
}

function linkSignature(order: TokenSubject, secret: string): Buffer {
  return createHmac('sha256', secret).update(`order-link:v1:${order.id}:${order.order_token_hash}`).digest();
}

/**
 * The token an email's order link carries. The order's own token is stored only as a hash, so the
 * job that sends the email cannot have it; this one is signed from that hash with the server's
 * ORDER_LINK_SECRET instead, so nothing that opens the order is stored in plain text.
 */
export function orderLinkToken(order: TokenSubject, secret: string): string {
  return `${LINK_PREFIX}${linkSignature(order, secret).toString('base64url')}`;
}

function sameBytes(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The one check of a diner's order token (the X-Order-Token header): the token the order was placed
 * with, or an email's link token signed with `linkSecret`. Either stops opening the order
 * ORDER_LINK_DAYS after it was placed (requireDinerOrder answers 410 then).
 */
export function orderTokenMatches(
  token: string | undefined,
  order: TokenSubject,
  linkSecret: string,
): boolean {
  if (!token) return false;
  if (sameBytes(Buffer.from(hashOrderToken(token), 'hex'), Buffer.from(order.order_token_hash, 'hex')))
    return true;
  if (!token.startsWith(LINK_PREFIX)) return false;
  const given = Buffer.from(token.slice(LINK_PREFIX.length), 'base64url');
  return sameBytes(given, linkSignature(order, linkSecret));
}
