import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { WebhookOutcome } from '../platform/db/schema.ts';
import type { TransitionPlan } from './intent-transition.ts';
import type { SyncActor } from './payment-sync.ts';

export interface EventOutcome {
  eventId: string;
  outcome: WebhookOutcome;
  detail: string | null;
}

/**
 * Writes a planned transition in one statement: the order row, its timeline entry, the staged
 * jobs and, for a webhook, the event's outcome. One round trip keeps the order lock short.
 */
export async function writeTransition(
  tx: Tx,
  orderId: string,
  plan: TransitionPlan,
  actor: SyncActor,
  event?: EventOutcome,
): Promise<void> {
  const sets: RawBuilder<unknown>[] = Object.entries({ ...plan.changes, updated_at: new Date() }).map(
    ([column, value]) => sql`${sql.ref(column)} = ${value}`,
  );
  if (plan.readyAfterPrep) {
    sets.push(
      sql`estimated_ready_at = now() + make_interval(mins => (select r.prep_time_minutes from restaurants r where r.id = orders.restaurant_id))`,
    );
  }
  const staged =
    plan.jobs.length > 0
      ? sql`, staged as (
          insert into order_jobs (order_id, kind)
          select moved.id, job.kind from moved, (values ${sql.join(plan.jobs.map((kind) => sql`(${kind}::text)`))}) as job(kind)
          on conflict (order_id, kind, ref) do nothing)`
      : sql``;
  const last = event
    ? sql`update webhook_events set outcome = ${event.outcome}, outcome_detail = ${event.detail}, order_id = ${orderId},
          attempts = attempts + 1, processed_at = now() where id = ${event.eventId}`
    : sql`select count(*) from moved`;
  await sql`
    with moved as (update orders set ${sql.join(sets)} where id = ${orderId} returning id),
    timeline as (
      insert into order_events (order_id, type, status, payment_status, actor_type, actor_id, detail)
      select moved.id, ${plan.type}::text, ${plan.status}::text, ${plan.paymentStatus}::text, ${actor.actorType}::text,
        ${actor.actorId}::text, ${plan.detail ? JSON.stringify(plan.detail) : null}::jsonb from moved)
    ${staged}
    ${last}`.execute(tx);
}
