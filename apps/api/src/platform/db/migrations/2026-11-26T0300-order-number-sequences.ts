import { type Kysely, sql } from 'kysely';

/**
 * Order numbers come from one sequence per restaurant instead of a counter column: a counter row is
 * locked until its transaction commits, which serialized every order of a restaurant. A sequence
 * never blocks (a failed insert leaves a gap, which is fine for order numbers).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function order_number_sequence(restaurant uuid) returns text language sql immutable
    as $$ select 'order_numbers_' || replace(restaurant::text, '-', '') $$`.execute(db);
  await sql`
    create function create_order_number_sequence() returns trigger language plpgsql as $$
    begin
      execute format('create sequence if not exists %I start %s', order_number_sequence(new.id), new.next_order_number);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger restaurants_order_numbers after insert on restaurants
    for each row execute function create_order_number_sequence()`.execute(db);
  await sql`
    do $$
    declare r record;
    begin
      for r in select id, next_order_number from restaurants loop
        execute format('create sequence if not exists %I start %s', order_number_sequence(r.id), r.next_order_number);
      end loop;
    end $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    do $$
    declare r record;
    begin
      for r in select id from restaurants loop
        execute format('update restaurants set next_order_number = nextval(%L) where id = %L', order_number_sequence(r.id), r.id);
        execute format('drop sequence if exists %I', order_number_sequence(r.id));
      end loop;
    end $$`.execute(db);
  await sql`drop trigger if exists restaurants_order_numbers on restaurants`.execute(db);
  await sql`drop function if exists create_order_number_sequence()`.execute(db);
  await sql`drop function if exists order_number_sequence(uuid)`.execute(db);
}
