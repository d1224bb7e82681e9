import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The order change feed behind the event streams. Every change of an order's state writes a
 * timeline entry (`order_events`) in its transaction, so each entry is stamped with the writing
 * transaction's id (`change_tx`); a reader that takes the entries stamped below its snapshot's xmin
 * knows no transaction can still commit one behind it, so its cursor (that xmin) never skips an
 * order. The timeline is append-only, so the stamp and its index leave the `orders` row's updates
 * as cheap as before (an indexed column there would end its HOT updates). Each entry but an order's
 * creation (an unpaid order interests no stream) notifies `order_changes`, delivered at commit and
 * once per transaction, so listening processes read at once instead of waiting for their next poll.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table order_events add column change_tx xid8 not null default pg_current_xact_id()`.execute(
    db,
  );
  await sql`create index order_events_change_tx on order_events (change_tx)`.execute(db);
  await sql`create function order_events_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('order_changes', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger order_events_notify after insert on order_events
    for each row when (new.type <> 'created') execute function order_events_notify()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger order_events_notify on order_events`.execute(db);
  await sql`drop function order_events_notify()`.execute(db);
  await sql`alter table order_events drop column change_tx`.execute(db);
}
