import { type Kysely, sql } from 'kysely';

/**
 * Staff accounts and their console sessions. An email signs in to one account across every
 * restaurant (unique case-insensitively), since signing in names no restaurant. A session row
 * keeps only the SHA-256 of its token; it ends by deletion (sign-out, password change, disable,
 * expiry).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and never import app types.
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('staff')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('restaurant_id', 'uuid', (c) => c.notNull().references('restaurants.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'manager', 'staff')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create unique index staff_email on staff (lower(email))`.execute(db);
  await db.schema
    .createIndex('staff_restaurant')
    .on('staff')
    .columns(['restaurant_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_sessions').execute();
  await db.schema.dropTable('staff').execute();
}
