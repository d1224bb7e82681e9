import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.ts';

export interface ApiKeyRow {
  id: string;
  restaurant_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export function findApiKeyByPrefix(db: Executor, prefix: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).executeTakeFirst();
}

export async function insertApiKey(
  db: Executor,
  key: { restaurant_id: string; name: string; prefix: string; secret_hash: string },
): Promise<void> {
  await db.insertInto('api_keys').values(key).execute();
}

/** Creates the key, or re-activates and re-points an existing one with the same prefix. */
export async function upsertApiKey(
  db: Executor,
  key: { restaurant_id: string; name: string; prefix: string; secret_hash: string },
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values(key)
    .onConflict((oc) =>
      oc.column('prefix').doUpdateSet({
        restaurant_id: key.restaurant_id,
        name: key.name,
        secret_hash: key.secret_hash,
        revoked_at: null,
      }),
    )
    .execute();
}

export function listApiKeys(db: Executor, restaurantId: string): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .orderBy('created_at')
    .orderBy('prefix')
    .execute();
}

/** Revokes one key; false when no active key has this prefix. */
export async function revokeApiKey(db: Executor, prefix: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('prefix', '=', prefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes the restaurant's active keys of this name, except one prefix. */
export async function revokeKeysNamed(
  db: Executor,
  restaurantId: string,
  name: string,
  exceptPrefix: string,
): Promise<number> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('restaurant_id', '=', restaurantId)
    .where('name', '=', name)
    .where('prefix', '<>', exceptPrefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records use at most once a minute, so authentication does not write on every request. */
export async function touchApiKey(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
}
