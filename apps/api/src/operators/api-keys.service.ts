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
  revokeKeysNamed,
  touchApiKey,
  upsertApiKey,
} from './api-keys.repository.ts';

/** The authenticated operator: one restaurant, one key. */
export interface Operator {
  restaurant: Restaurant;
  keyPrefix: string;
}

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
  return { restaurant, keyPrefix: key.prefix };
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

export const DEMO_KEY_FROM_ENV = 'demo (DEMO_OPERATOR_API_KEY)';
export const DEMO_KEY_AUTO = 'demo (auto)';

/**
 * The demo restaurant's operator key. With `configuredKey` (DEMO_OPERATOR_API_KEY) that key is
 * upserted and stays valid across starts. Without it a fresh key is made on every call and the
 * previous auto key is revoked: a hashed key cannot be shown again, so a new one is the only way
 * to hand the operator a working key. Returns the key only when it was generated here.
 */
export function ensureDemoOperatorKey(
  db: Db,
  restaurantId: string,
  configuredKey: string | undefined,
): Promise<{ prefix: string; generatedKey: string | null }> {
  return db.transaction().execute(async (tx) => {
    const prefix = configuredKey ? prefixOf(configuredKey) : null;
    if (configuredKey && prefix) {
      const secret_hash = hashApiKey(configuredKey);
      await upsertApiKey(tx, { restaurant_id: restaurantId, name: DEMO_KEY_FROM_ENV, prefix, secret_hash });
      await revokeKeysNamed(tx, restaurantId, DEMO_KEY_FROM_ENV, prefix);
      await revokeKeysNamed(tx, restaurantId, DEMO_KEY_AUTO, prefix);
      return { prefix, generatedKey: null };
    }
    const fresh = newApiKey();
    await insertApiKey(tx, {
      restaurant_id: restaurantId,
      name: DEMO_KEY_AUTO,
      prefix: fresh.prefix,
      secret_hash: fresh.hash,
    });
    await revokeKeysNamed(tx, restaurantId, DEMO_KEY_AUTO, fresh.prefix);
    return { prefix: fresh.prefix, generatedKey: fresh.key };
  });
}
