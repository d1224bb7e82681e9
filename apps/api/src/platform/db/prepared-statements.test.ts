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
});
