import type { Db } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import { NotFoundError, UnauthorizedError } from '../platform/errors.ts';
import { findRestaurantBySlug } from '../restaurants/restaurants.repository.ts';
import { apiKeyMatches, bearerToken, hashApiKey, newApiKey, prefixOf } from './api-key.ts';
import {
  type ApiKeyRow,
  findApiKeyByPrefix,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
} from './api-keys.repository.ts';
import type { Operator } from './operator.ts';

const UNKNOWN_HASH = hashApiKey('rk_0_000000000000000000000000');

/**
 * Resolves a bearer key to its restaurant. A missing, malformed, unknown or revoked key is 401;
 * a good key for another restaurant (or an unknown slug) is 404, so nothing leaks across restaurants.
 */
export async function authenticateOperator(
  db: Db,
  authorization: string | undefined,
  slug: string,
): Promise<Operator> {
  const token = bearerToken(authorization);
  const prefix = token ? prefixOf(token) : null;
  const key = prefix ? await findApiKeyByPrefix(db, prefix) : undefined;
  const matches = apiKeyMatches(token ?? '', key?.secret_hash ?? UNKNOWN_HASH);
  if (!token || !key || !matches || key.revoked_at) throw new UnauthorizedError();
  const restaurant = await findRestaurantBySlug(db, slug);
  if (!restaurant || restaurant.id !== key.restaurant_id) throw new NotFoundError('Restaurant not found.');
  await touchApiKey(db, key.id);
  return { restaurant, principal: key.prefix, staff: null };
}

async function requireRestaurantForKeys(db: Db, slug: string): Promise<Restaurant> {
  const restaurant = await findRestaurantBySlug(db, slug);
  if (!restaurant) throw new NotFoundError(`No restaurant with slug "${slug}".`);
  return restaurant;
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createOperatorKey(
  db: Db,
  slug: string,
  name: string,
): Promise<{ key: string; prefix: string }> {
  const restaurant = await requireRestaurantForKeys(db, slug);
  const { key, prefix, hash } = newApiKey();
  await insertApiKey(db, { restaurant_id: restaurant.id, name, prefix, secret_hash: hash });
  return { key, prefix };
}

export async function listOperatorKeys(db: Db, slug: string): Promise<ApiKeyRow[]> {
  return listApiKeys(db, (await requireRestaurantForKeys(db, slug)).id);
}

export function revokeOperatorKey(db: Db, prefix: string): Promise<boolean> {
  return revokeApiKey(db, prefix);
}
