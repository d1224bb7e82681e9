import type { Db } from '../platform/db/database.ts';
import { hashApiKey, newApiKey, prefixOf } from './api-key.ts';
import { insertApiKey, revokeKeysNamed, upsertApiKey } from './api-keys.repository.ts';

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

/**
 * Provisions the demo key and tells the operator. A generated key goes straight to stdout, clearly
 * labelled, never through the logger (which redacts anything shaped like a key).
 */
export async function provisionDemoOperatorKey(
  db: Db,
  restaurant: { id: string; slug: string },
  configuredKey: string | undefined,
  print: (line: string) => void,
): Promise<void> {
  const { prefix, generatedKey } = await ensureDemoOperatorKey(db, restaurant.id, configuredKey);
  if (!generatedKey) {
    print(`operator API key for "${restaurant.slug}": ${prefix}_… (from DEMO_OPERATOR_API_KEY)`);
    return;
  }
  print(`operator API key for "${restaurant.slug}" (generated, shown once; the previous one is revoked):`);
  if (restaurant.slug !== 'demo') {
    print(`  ${generatedKey}`);
    return;
  }
  print(`  DEMO_OPERATOR_API_KEY=${generatedKey}`);
  print('  set DEMO_OPERATOR_API_KEY to keep one key across restarts.');
}
