import type { RawBuilder, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { VerifiedEvent } from '../payments/payment-gateway.ts';
import type { Executor } from '../platform/db/database.ts';
import type { WebhookEventTable, WebhookOutcome } from '../platform/db/schema.ts';
import { inboxBody } from './inbox-body.ts';

export type StoredEvent = Selectable<WebhookEventTable>;

/** An event's columns: its envelope as it gives it, and its body as received. */
function eventRow(event: VerifiedEvent, body: string) {
  return {
    id: event.id,
    type: event.type,
    livemode: event.livemode,
    stripe_created_at: event.created === null ? null : new Date(event.created * 1000),
    ...inboxBody(body),
  };
}

/** Stores a verified event once; false when its id was already stored. */
export async function storeEvent(db: Executor, event: VerifiedEvent, body: string): Promise<boolean> {
  const inserted = await db
    .insertInto('webhook_events')
    .values(eventRow(event, body))
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Keeps a verified event that could not be applied, as `failed`, for the retry or a replay. */
export async function recordFailure(
  db: Executor,
  event: VerifiedEvent,
  body: string,
  detail: string,
): Promise<void> {
  await db
    .insertInto('webhook_events')
    .values({ ...eventRow(event, body), outcome: 'failed', outcome_detail: detail, attempts: 1 })
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

/**
 * The statement storing a verified event once, returning its id only when it is new. The webhook
 * service runs it alongside the order lock (lifecycle's lockOrderAlongside), in one round trip.
 */
export function storeEventStatement(event: VerifiedEvent, body: string): RawBuilder<unknown> {
  const row = eventRow(event, body);
  return sql`insert into webhook_events (id, type, livemode, stripe_created_at, payload, raw_body)
    values (${row.id}, ${row.type}, ${row.livemode}, ${row.stripe_created_at}, ${row.payload}::jsonb, ${row.raw_body})
    on conflict (id) do nothing returning id`;
}

export function lockEvent(db: Executor, id: string): Promise<StoredEvent | undefined> {
  return db.selectFrom('webhook_events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * The statement recording how an event was applied. The lifecycle runs it in the same statement as
 * the order's move, so one event stays one statement.
 */
export function outcomeStatement(
  id: string,
  outcome: WebhookOutcome,
  detail: string | null,
  orderId: string | null,
): RawBuilder<unknown> {
  return sql`update webhook_events set outcome = ${outcome}, outcome_detail = ${detail}, order_id = ${orderId},
    attempts = attempts + 1, processed_at = now() where id = ${id}`;
}

export async function recordOutcome(
  db: Executor,
  id: string,
  outcome: WebhookOutcome,
  detail: string | null,
  orderId: string | null = null,
): Promise<void> {
  await outcomeStatement(id, outcome, detail, orderId).execute(db);
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
