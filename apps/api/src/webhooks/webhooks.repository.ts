import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { VerifiedEvent } from '../payments/payment-gateway.ts';
import type { Executor, Tx } from '../platform/db/database.ts';
import type { Order, WebhookEventTable, WebhookOutcome } from '../platform/db/schema.ts';

export type StoredEvent = Selectable<WebhookEventTable>;

/** Stores a verified event once; false when its id was already stored. */
export async function storeEvent(db: Executor, event: VerifiedEvent): Promise<boolean> {
  const inserted = await db
    .insertInto('webhook_events')
    .values({
      id: event.id,
      type: event.type,
      livemode: event.livemode,
      stripe_created_at: new Date(event.created * 1000),
      payload: JSON.stringify(event.payload),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Keeps a verified event that could not be applied, as `failed`, for the retry or a replay. */
export async function recordFailure(db: Executor, event: VerifiedEvent, detail: string): Promise<void> {
  await db
    .insertInto('webhook_events')
    .values({
      id: event.id,
      type: event.type,
      livemode: event.livemode,
      stripe_created_at: new Date(event.created * 1000),
      payload: JSON.stringify(event.payload),
      outcome: 'failed',
      outcome_detail: detail,
      attempts: 1,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          outcome: 'failed',
          outcome_detail: detail,
          attempts: eb('webhook_events.attempts', '+', 1),
        }))
        // A concurrent delivery may have applied it meanwhile: that outcome stands.
        .where('webhook_events.outcome', '!=', 'applied'),
    )
    .execute();
}

/** How an event names its order: by our id in the PaymentIntent's metadata, or by the PaymentIntent. */
export interface OrderLookup {
  column: 'id' | 'payment_intent_id';
  value: string;
}

/**
 * Stores the event once and locks its order, in one round trip. `fresh` is false when the event
 * was already stored (the INSERT waits for a concurrent delivery of it to finish first).
 */
export async function storeEventLockingOrder(
  tx: Tx,
  event: VerifiedEvent,
  lookup: OrderLookup,
): Promise<{ fresh: boolean; order: Order | undefined }> {
  const { rows } = await sql<Order & { fresh: number }>`
    with stored as (
      insert into webhook_events (id, type, livemode, stripe_created_at, payload)
      values (${event.id}, ${event.type}, ${event.livemode}, ${new Date(event.created * 1000)}, ${JSON.stringify(event.payload)}::jsonb)
      on conflict (id) do nothing returning id)
    select (select count(*) from stored)::int as fresh, o.*
    from (select 1) as one
    left join lateral (select * from orders where ${sql.ref(lookup.column)} = ${lookup.value} for update) o on true`.execute(
    tx,
  );
  const row = rows[0];
  if (!row) throw new Error('storing the event returned no row');
  const { fresh, ...order } = row;
  return { fresh: fresh > 0, order: order.id ? (order as Order) : undefined };
}

export function lockOrderBy(tx: Tx, lookup: OrderLookup): Promise<Order | undefined> {
  return tx
    .selectFrom('orders')
    .selectAll()
    .where(lookup.column, '=', lookup.value)
    .forUpdate()
    .executeTakeFirst();
}

export function lockEvent(db: Executor, id: string): Promise<StoredEvent | undefined> {
  return db.selectFrom('webhook_events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function recordOutcome(
  db: Executor,
  id: string,
  outcome: WebhookOutcome,
  detail: string | null,
  orderId: string | null = null,
): Promise<void> {
  await db
    .updateTable('webhook_events')
    .set((eb) => ({
      outcome,
      outcome_detail: detail,
      order_id: orderId,
      attempts: eb('attempts', '+', 1),
      processed_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

export interface ReplayFilter {
  since?: Date;
  eventId?: string;
}

export function findEventsForReplay(db: Executor, filter: ReplayFilter): Promise<StoredEvent[]> {
  let query = db.selectFrom('webhook_events').selectAll().orderBy('stripe_created_at').orderBy('received_at');
  if (filter.eventId) query = query.where('id', '=', filter.eventId);
  if (filter.since) query = query.where('received_at', '>=', filter.since);
  return query.execute();
}
