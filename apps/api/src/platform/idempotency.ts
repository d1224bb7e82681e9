import { sql } from 'kysely';
import type { Db, Executor } from './db/database.ts';
import { isRetryableDatabaseError } from './db/database-errors.ts';
import type { RecoveryPoint } from './db/schema.ts';
import { ConflictError, DomainError, ProviderUnavailableError } from './errors.ts';
import type { Claim, ClaimedKey, IdempotencyScope, StoredResponse } from './idempotency-key.ts';

// What a key is, apart from the table: checks, fingerprints and the claim's types.
export * from './idempotency-key.ts';

/**
 * How long a request holds its key unless it renews it. A live request renews it every third of
 * that (whileHolding), however slow its Stripe call; a crashed one stops, and a retry takes its key
 * over within LOCK_SECONDS of its last renewal.
 */
export const LOCK_SECONDS = 10;
const RENEW_EVERY_MS = (LOCK_SECONDS * 1000) / 3;

/** Until when a fresh claim holds its key. */
export function claimLockedUntil() {
  return sql<Date>`now() + make_interval(secs => ${LOCK_SECONDS})`;
}

/**
 * Claims an idempotency key for this request, like Stripe does: a finished request replays its
 * response, a different body under the same key is refused, a request in flight gets 409, and one
 * whose holder died (lock expired) is resumed from its recovery point.
 */
export async function claimIdempotencyKey(db: Db, scope: IdempotencyScope): Promise<Claim> {
  const { key, fingerprint } = scope;
  const lockedUntil = claimLockedUntil();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      restaurant_id: scope.restaurantId,
      scope: scope.scope,
      key,
      fingerprint,
      locked_until: lockedUntil,
    })
    .onConflict((oc) => oc.columns(['restaurant_id', 'scope', 'key']).doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (inserted) return { kind: 'claimed', id: inserted.id, recoveryPoint: 'started', resourceId: null };

  const existing = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('restaurant_id', '=', scope.restaurantId)
    .where('scope', '=', scope.scope)
    .where('key', '=', key)
    .executeTakeFirst();
  // Forgotten (its request was rejected) between our insert and this read: claim it afresh.
  if (!existing) return claimIdempotencyKey(db, scope);
  if (existing.fingerprint !== fingerprint) {
    throw new DomainError(
      422,
      'idempotency-key-reused',
      'Idempotency key reused',
      'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
    );
  }
  if (existing.response_status !== null && existing.response_body !== null) {
    return { kind: 'replay', status: existing.response_status, body: existing.response_body };
  }
  const taken = await db
    .updateTable('idempotency_keys')
    .set({ locked_until: lockedUntil })
    .where('id', '=', existing.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    // The holder may have finished since we looked: then it is a replay, never a second run.
    .where('response_status', 'is', null)
    .returning(['id', 'recovery_point', 'resource_id'])
    .executeTakeFirst();
  if (!taken) {
    const finished = await db
      .selectFrom('idempotency_keys')
      .select(['response_status', 'response_body'])
      .where('id', '=', existing.id)
      .executeTakeFirst();
    if (finished?.response_status != null && finished.response_body !== null) {
      return { kind: 'replay', status: finished.response_status, body: finished.response_body };
    }
    throw new ConflictError(
      'request-in-progress',
      'Request in progress',
      'A request with this Idempotency-Key is still being processed. Retry in a moment.',
    );
  }
  return {
    kind: 'claimed',
    id: taken.id,
    recoveryPoint: taken.recovery_point,
    resourceId: taken.resource_id,
  };
}

export async function markRecoveryPoint(
  db: Executor,
  id: string,
  recoveryPoint: RecoveryPoint,
  resourceId: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ recovery_point: recoveryPoint, resource_id: resourceId })
    .where('id', '=', id)
    .execute();
}

/**
 * Runs `work` while this request holds key `id`, renewing its lease so no retry takes over a
 * request that is still alive. A renewal that fails (the database briefly away) is skipped: at worst
 * a retry takes over, and the Stripe keys derived from our rows keep that to one PaymentIntent.
 */
export async function whileHolding<T>(db: Executor, id: string, work: () => Promise<T>): Promise<T> {
  const renew = () =>
    db
      .updateTable('idempotency_keys')
      .set({ locked_until: claimLockedUntil() })
      .where('id', '=', id)
      // Neither a key sealed meanwhile nor one released for a retry is locked again.
      .where('response_status', 'is', null)
      .where('locked_until', 'is not', null)
      .execute()
      .catch(() => undefined);
  const timer = setInterval(() => void renew(), RENEW_EVERY_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Stores the final response; from now on the key only replays it. */
export async function finishIdempotencyKey(
  db: Executor,
  id: string,
  status: number,
  body: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ response_status: status, response_body: body, recovery_point: 'finished', locked_until: null })
    .where('id', '=', id)
    .execute();
}

/**
 * A failure that a retry of the same request resolves (a payment provider outage, database
 * contention): its key is released so the retry resumes at once instead of waiting out the lock.
 */
export function isRetryableFailure(error: unknown): boolean {
  return error instanceof ProviderUnavailableError || isRetryableDatabaseError(error);
}

/** Lets a retry continue at once (after a retryable failure), from the stored recovery point. */
export async function releaseIdempotencyKey(db: Executor, id: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ locked_until: null }).where('id', '=', id).execute();
}

/** Forgets a key whose request was rejected before anything was written, as Stripe does for invalid requests. */
export async function forgetIdempotencyKey(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('id', '=', id).execute();
}

/**
 * Forgets a held key that nothing was done under yet. A holder that stalled past its lease may find
 * the key taken over and used by another request meanwhile: then it is left alone.
 */
export async function forgetUnusedIdempotencyKey(db: Executor, id: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('id', '=', id)
    .where('resource_id', 'is', null)
    .where('response_status', 'is', null)
    .execute();
}

/**
 * Runs a request under its Idempotency-Key: a finished request replays; a new one runs `work` and
 * its answer is sealed on the key. An outage releases the key for a retry that resumes where the work
 * stopped; a refusal (any other 4xx) frees it, as Stripe does.
 */
export async function runIdempotent(
  db: Db,
  scope: IdempotencyScope,
  work: (claim: ClaimedKey) => Promise<{ status: number; body: unknown }>,
): Promise<StoredResponse> {
  const claim = await claimIdempotencyKey(db, scope);
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  try {
    const result = await whileHolding(db, claim.id, () => work(claim));
    const body = JSON.stringify(result.body);
    await finishIdempotencyKey(db, claim.id, result.status, body);
    return { status: result.status, body, replayed: false };
  } catch (error) {
    if (isRetryableFailure(error)) await releaseIdempotencyKey(db, claim.id);
    else if (error instanceof DomainError) await forgetIdempotencyKey(db, claim.id);
    throw error;
  }
}

/**
 * The parts of one-statement writes that touch `idempotency_keys`, for a caller that writes a key
 * together with the resource made under it (placing an order claims its key, or moves a held one,
 * in the statement that inserts the order; opening its payment seals the key in the statement that
 * records the PaymentIntent). Each takes the placeholders (`$n`) or expressions of the caller's
 * statement and returns SQL text, built once at start-up.
 */
export const keyStatements = {
  /** Claims a new key at `point`, pointing at `resourceId`, from the rows of `source`. */
  claim(
    point: RecoveryPoint,
    p: {
      restaurantId: string;
      scope: string;
      key: string;
      fingerprint: string;
      lockSeconds: string;
      resourceId: string;
      source: string;
    },
  ): string {
    return `insert into idempotency_keys (restaurant_id, scope, key, fingerprint, locked_until, recovery_point, resource_id)
    select ${p.restaurantId}, ${p.scope}, ${p.key}, ${p.fingerprint}, now() + make_interval(secs => ${p.lockSeconds}), '${point}', ${p.resourceId}
    from ${p.source}
    on conflict (restaurant_id, scope, key) do nothing returning id`;
  },
  /** Moves a held key with nothing made under it yet to `point`, if `condition` holds. */
  advance(point: RecoveryPoint, p: { id: string; resourceId: string; condition: string }): string {
    return `update idempotency_keys set recovery_point = '${point}', resource_id = ${p.resourceId}
    where id = ${p.id} and resource_id is null and ${p.condition}
    returning id`;
  },
  /** Seals a key with its response, if `condition` holds: from now on it only replays. */
  seal(p: { id: string; status: string; body: string; condition: string }): string {
    return `update idempotency_keys
  set response_status = ${p.status}, response_body = ${p.body}, recovery_point = 'finished', locked_until = null
  where id = ${p.id} and ${p.condition}
  returning idempotency_keys.id`;
  },
};

/** Keys are kept at least this long (Stripe keeps them 24 h); purgeIdempotencyKeys deletes them after. */
export const IDEMPOTENCY_RETENTION_HOURS = 48;

/**
 * Deletes keys created more than IDEMPOTENCY_RETENTION_HOURS before `now` whose request finished or
 * was abandoned (no lock, or one that has expired), oldest first, `batchSize` per statement and at
 * most `maxBatches` statements, so one run never holds many row locks or runs unbounded. A key still
 * in flight stays, and so does one a retry is taking over at that moment: its row is locked, and
 * skipped. Returns how many keys were deleted.
 */
export async function purgeIdempotencyKeys(
  db: Db,
  now = new Date(),
  { batchSize = 500, maxBatches = 100 } = {},
): Promise<number> {
  const createdBefore = new Date(now.getTime() - IDEMPOTENCY_RETENTION_HOURS * 3_600_000);
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const result = await db
      .deleteFrom('idempotency_keys')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('idempotency_keys')
          .select('id')
          .where('created_at', '<', createdBefore)
          .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
          .orderBy('created_at')
          .limit(batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < batchSize) break;
  }
  return deleted;
}
