import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY = /^(rk_[a-z0-9]{1,32})_([A-Za-z0-9]{24,512})$/;

export interface NewApiKey {
  /** The whole key, shown once: `rk_<prefix>_<secret>`. */
  key: string;
  /** Visible part for identification, stored in clear: `rk_3f9a1c2b`. */
  prefix: string;
  hash: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A fresh key: 32 bits of visible prefix, about 190 bits of secret in 32 base62 characters. */
export function newApiKey(): NewApiKey {
  const prefix = `rk_${randomBytes(4).toString('hex')}`;
  const secret = Array.from({ length: 32 }, () => BASE62[randomInt(BASE62.length)]).join('');
  const key = `${prefix}_${secret}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** The prefix of a well-formed key, or null: what the lookup uses before the hash is compared. */
export function prefixOf(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
