import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { VerifiedEvent } from '../payments/payment-gateway.ts';
import type { Executor } from '../platform/db/database.ts';
import type { WebhookEventTable, WebhookOutcome } from '../platform/db/schema.ts';

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
      oc.column('id').doUpdateSet((eb) => ({
        outcome: 'failed',
        outcome_detail: detail,
        attempts: eb('webhook_events.attempts', '+', 1),
      })),
    )
    .execute();
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
