import { type Kysely, sql } from 'kysely';

const MENU_TABLES = ['menu_categories', 'menu_items', 'modifier_groups', 'modifiers'];

/**
 * A restaurant's catalog version: moved on, by triggers, whenever the restaurant row or anything on
 * its menu changes, whoever writes it. An order priced against a cached catalog is placed only if
 * the version it was priced at is still the current one, checked in the statement that places it.
 *
 * A version is the later of the previous one + 1 and the clock in microseconds, so it never repeats:
 * not after a restore to an older backup either, which a +1 counter would count up through again.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function next_catalog_version(previous bigint) returns bigint language sql volatile
    as $$ select greatest(previous + 1, (extract(epoch from clock_timestamp()) * 1000000)::bigint) $$`.execute(
    db,
  );
  await sql`alter table restaurants add column catalog_version bigint not null default next_catalog_version(0)`.execute(
    db,
  );
  await sql`
    create function restaurants_bump_catalog_version() returns trigger language plpgsql as $$
    begin
      new.catalog_version := next_catalog_version(old.catalog_version);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger restaurants_catalog_version before update on restaurants
    for each row when (old is distinct from new) execute function restaurants_bump_catalog_version()`.execute(
    db,
  );
  // A menu row names its restaurant directly (categories, items) or through its item (groups, modifiers).
  // NEW is null on delete and OLD on insert; an update moving a row bumps both restaurants.
  await sql`
    create function menu_bump_catalog_version() returns trigger language plpgsql as $$
    declare
      new_item uuid;
      old_item uuid;
    begin
      if tg_table_name in ('menu_categories', 'menu_items') then
        update restaurants set catalog_version = next_catalog_version(catalog_version)
        where id in (new.restaurant_id, old.restaurant_id);
        return null;
      end if;
      if tg_table_name = 'modifier_groups' then
        new_item := new.menu_item_id;
        old_item := old.menu_item_id;
      else
        select g.menu_item_id into new_item from modifier_groups g where g.id = new.group_id;
        select g.menu_item_id into old_item from modifier_groups g where g.id = old.group_id;
      end if;
      update restaurants set catalog_version = next_catalog_version(catalog_version)
      where id in (select i.restaurant_id from menu_items i where i.id in (new_item, old_item));
      return null;
    end $$`.execute(db);
  for (const table of MENU_TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_catalog_version`)} after insert or delete on ${sql.table(table)}
      for each row execute function menu_bump_catalog_version()`.execute(db);
    // A re-import that changes nothing (an upsert's update to the same values) leaves caches valid.
    // `is distinct from` on whole rows needs equality on every column: no `json` columns (use jsonb).
    await sql`
      create trigger ${sql.id(`${table}_catalog_version_update`)} after update on ${sql.table(table)}
      for each row when (old is distinct from new) execute function menu_bump_catalog_version()`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of MENU_TABLES) {
    await sql`drop trigger if exists ${sql.id(`${table}_catalog_version`)} on ${sql.table(table)}`.execute(
      db,
    );
    await sql`drop trigger if exists ${sql.id(`${table}_catalog_version_update`)} on ${sql.table(table)}`.execute(
      db,
    );
  }
  await sql`drop trigger if exists restaurants_catalog_version on restaurants`.execute(db);
  await sql`drop function if exists menu_bump_catalog_version()`.execute(db);
  await sql`drop function if exists restaurants_bump_catalog_version()`.execute(db);
  await sql`alter table restaurants drop column if exists catalog_version`.execute(db);
  await sql`drop function if exists next_catalog_version(bigint)`.execute(db);
}
