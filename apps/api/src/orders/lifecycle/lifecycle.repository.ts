import type { TimelineEntryType } from '@repo/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { ActorType, Order, OrderJobKind, OrderUpdate } from '../../platform/db/schema.ts';
import type { MovePlan } from './intent-plan.ts';

/**
 * The one writer of `orders`, `order_events` and `order_jobs` (staging): every change of an
 * order's state is written here, under the lock of order-lock.ts. Placing an order is the one
 * exception, in orders.repository.ts, because it creates the row in a single statement.
 */

export interface Actor {
  actorType: ActorType;
  actorId: string | null;
}

/**
 * Writes a planned move in one statement: the order row, its timeline entry, the staged jobs and,
 * for a webhook, `alongside`: the inbox's own statement recording the event's outcome. One round
 * trip keeps the order lock short.
 */
export async function writeMove(
  tx: Tx,
  orderId: string,
  plan: MovePlan,
  actor: Actor,
  alongside?: RawBuilder<unknown>,
): Promise<void> {
  const sets: RawBuilder<unknown>[] = Object.entries({ ...plan.changes, updated_at: new Date() }).map(
    ([column, value]) => sql`${sql.ref(column)} = ${value}`,
  );
  if (plan.readyAfterPrep) {
    sets.push(
      sql`estimated_ready_at = now() + make_interval(mins => (select r.prep_time_minutes from restaurants r where r.id = orders.restaurant_id))`,
    );
  }
  if (plan.deadlineAfterWindow) {
    sets.push(
      sql`acceptance_deadline = now() + make_interval(mins => (select r.acceptance_window_minutes from restaurants r where r.id = orders.restaurant_id))`,
    );
  }
  const staged =
    plan.jobs.length > 0
      ? sql`, staged as (
          insert into order_jobs (order_id, kind)
          select moved.id, job.kind from moved, (values ${sql.join(plan.jobs.map((kind) => sql`(${kind}::text)`))}) as job(kind)
          on conflict (order_id, kind, ref) do nothing)`
      : sql``;
  await sql`
    with moved as (update orders set ${sql.join(sets)} where id = ${orderId} returning id),
    timeline as (
      insert into order_events (order_id, type, status, payment_status, actor_type, actor_id, detail)
      select moved.id, ${plan.type}::text, ${plan.status}::text, ${plan.paymentStatus}::text, ${actor.actorType}::text,
        ${actor.actorId}::text, ${plan.detail ? JSON.stringify(plan.detail) : null}::jsonb from moved)
    ${staged}
    ${alongside ?? sql`select count(*) from moved`}`.execute(tx);
}

export async function updateOrder(db: Executor, orderId: string, changes: OrderUpdate): Promise<void> {
  await db
    .updateTable('orders')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', orderId)
    .execute();
}

export interface TimelineEntry {
  type: TimelineEntryType;
  actor: Actor;
  status?: Order['status'] | null;
  paymentStatus?: Order['payment_status'] | null;
  detail?: Record<string, unknown> | null;
}

/** Appends to the order's timeline: every state change with who caused it. */
export async function recordOrderEvent(db: Executor, orderId: string, entry: TimelineEntry): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      order_id: orderId,
      type: entry.type,
      status: entry.status ?? null,
      payment_status: entry.paymentStatus ?? null,
      actor_type: entry.actor.actorType,
      actor_id: entry.actor.actorId,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}

/** Whether the order's timeline has an entry of this type. */
export async function hasOrderEvent(
  db: Executor,
  orderId: string,
  type: TimelineEntryType,
): Promise<boolean> {
  const row = await db
    .selectFrom('order_events')
    .select('id')
    .where('order_id', '=', orderId)
    .where('type', '=', type)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Stages post-payment work in the caller's transaction (outbox): it exists if and only if the
 * state change that causes it commits. `ref` distinguishes repeated work, such as one email per refund;
 * `payload` keeps what the work must tell as it stands now (a refund email's figures).
 */
export async function stageOrderJobs(
  db: Executor,
  orderId: string,
  kinds: OrderJobKind[],
  ref = '',
  payload: Record<string, unknown> | null = null,
): Promise<void> {
  if (kinds.length === 0) return;
  const stored = payload === null ? null : JSON.stringify(payload);
  await db
    .insertInto('order_jobs')
    .values(kinds.map((kind) => ({ order_id: orderId, kind, ref, payload: stored })))
    .onConflict((oc) => oc.columns(['order_id', 'kind', 'ref']).doNothing())
    .execute();
}

/**
 * Notes the card an order was paid with, once: the brand and last four that its emails show. Not a
 * move of the order, so it leaves the timeline alone.
 */
export async function recordPaymentCard(
  db: Executor,
  orderId: string,
  card: { brand: string; last4: string },
): Promise<void> {
  await db
    .updateTable('orders')
    .set({ card_brand: card.brand, card_last4: card.last4 })
    .where('id', '=', orderId)
    .where('card_last4', 'is', null)
    .execute();
}
