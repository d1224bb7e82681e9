import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The order change feed behind the event streams. Every write of an order row stamps it with the
 * writing transaction's id (`change_tx`), whoever the writer; a reader that takes the rows stamped
 * below its snapshot's xmin knows no transaction can still commit a change behind it, so its cursor
 * (that xmin) never skips an order. Each writing statement also notifies `order_changes`, delivered
 * at commit (and once per transaction), so listening processes read at once instead of waiting
 * for their next poll.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table orders add column change_tx xid8 not null default pg_current_xact_id()`.execute(db);
  await sql`create index orders_change_tx on orders (change_tx)`.execute(db);
  await sql`create function orders_stamp_change() returns trigger language plpgsql as $$
    begin
      new.change_tx := pg_current_xact_id();
      return new;
    end $$`.execute(db);
  await sql`create trigger orders_stamp_change before update on orders
    for each row execute function orders_stamp_change()`.execute(db);
  await sql`create function orders_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('order_changes', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger orders_notify_change after insert or update on orders
    for each statement execute function orders_notify_change()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger orders_notify_change on orders`.execute(db);
  await sql`drop function orders_notify_change()`.execute(db);
  await sql`drop trigger orders_stamp_change on orders`.execute(db);
  await sql`drop function orders_stamp_change()`.execute(db);
  await sql`alter table orders drop column change_tx`.execute(db);
}
