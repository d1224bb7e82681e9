import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/database.ts';
import { queueDatabaseFor } from '../../jobs/job-queue.ts';
import type { DatabaseHandle } from './database.ts';
import { isStalePlanError } from './prepared-statements.ts';

// Prepared statements are a PostgreSQL pool feature: the embedded database has no pool.
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('prepared statements on PostgreSQL', () => {
  let single: DatabaseHandle;
  let unnamed: DatabaseHandle;
  beforeAll(async () => {
    single = await createTestDatabase(process.env.DATABASE_URL, { poolSize: 1 });
    unnamed = await createTestDatabase(process.env.DATABASE_URL, { poolSize: 1, preparedStatements: false });
  });
  afterAll(async () => {
    await single?.close();
    await unnamed?.close();
  });

  const preparedTexts = async (handle: DatabaseHandle) =>
    (
      await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(handle.db)
    ).rows.map((row) => row.statement);

  it('when a query runs twice, then PostgreSQL holds it as one named statement on the connection', async () => {
    const query = () =>
      single.db.selectFrom('restaurants').select('slug').where('slug', '=', 'nowhere').execute();
    await query();
    await query();
    const texts = await preparedTexts(single);
    expect(texts.filter((text) => text.includes('from "restaurants"'))).toHaveLength(1);
  });

  it('when the job queue runs its SQL on the pool, then it is not kept as a named statement', async () => {
    await queueDatabaseFor(single).executeSql('select $1::int as queue_probe', [1]);
    expect((await preparedTexts(single)).filter((text) => text.includes('queue_probe'))).toEqual([]);
  });

  it('when prepared statements are off, then nothing is prepared on the server', async () => {
    await unnamed.db.selectFrom('restaurants').select('slug').execute();
    expect(await preparedTexts(unnamed)).toEqual([]);
  });

  it('when a migration changes a table under a prepared select *, then one call fails as retryable and the next succeeds', async () => {
    await sql`create table plan_probe (id int primary key)`.execute(single.db);
    await sql`insert into plan_probe values (1)`.execute(single.db);
    const probe = () =>
      sql<Record<string, unknown>>`select * from plan_probe where id = ${1}`.execute(single.db);
    expect((await probe()).rows).toEqual([{ id: 1 }]);
    await sql`alter table plan_probe add column note text default 'added'`.execute(single.db);
    const stale = await probe().catch((error: unknown) => error);
    expect(isStalePlanError(stale)).toBe(true);
    expect((await probe()).rows).toEqual([{ id: 1, note: 'added' }]);
  });

  it('when a value cannot be sent, then that call fails and the same statement still works on the connection', async () => {
    const probe = (value: unknown) => sql<{ v: unknown }>`select ${value}::jsonb as v`.execute(single.db);
    expect((await probe(JSON.stringify({ a: 1 }))).rows).toEqual([{ v: { a: 1 } }]);
    // pg cannot serialise a BigInt: the error is raised in the client, and pg closes the statement on the server.
    await expect(probe({ a: 1n })).rejects.toThrow(/BigInt/);
    expect((await probe(JSON.stringify({ a: 2 }))).rows).toEqual([{ v: { a: 2 } }]);
  });

  it('when a migration changes a column type under a prepared statement, then one call fails and the next is prepared anew', async () => {
    await sql`create table type_probe (ref text)`.execute(single.db);
    const probe = (ref: string) =>
      sql<{ n: number }>`select count(*)::int as n from type_probe where ref = ${ref}`.execute(single.db);
    expect((await probe('a')).rows).toEqual([{ n: 0 }]);
    await sql`alter table type_probe alter column ref type uuid using null`.execute(single.db);
    await expect(probe('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: '42883' });
    expect((await probe('00000000-0000-0000-0000-000000000000')).rows).toEqual([{ n: 0 }]);
  });
});
