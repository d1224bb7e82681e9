import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase } from '../../../test/database.ts';
import type { DatabaseHandle } from './database.ts';

// Only PostgreSQL has connections to lose; the restart test covers a whole server going away.
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres.each([
  ['named prepared statements', true],
  ['plain statements', false],
])('a pooled connection the server ends, with %s', (_name, preparedStatements) => {
  let handle: DatabaseHandle;
  const lost: Error[] = [];
  beforeAll(async () => {
    handle = await createTestDatabase(process.env.DATABASE_URL, {
      poolSize: 2,
      preparedStatements,
      onConnectionLost: (error) => lost.push(error),
    });
  });
  afterAll(() => handle?.close());

  /** Polls (2 s at most) until a connection loss is reported after the first `reported`. */
  async function reportedSince(reported: number) {
    for (let wait = 0; lost.length === reported && wait < 100; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Ends a backend from outside, as a restart or an administrator would. */
  async function terminate(backendPid: number) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [backendPid]);
    await admin.end();
  }

  it('when it was checked out, then the process lives, the error is reported and the next query reconnects', async () => {
    const client = await handle.pool!.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const reported = lost.length;
    try {
      await terminate(rows[0]!.pid);
      await expect(client.query('select 1')).rejects.toThrow();
      // The client's error event may come just after the query's rejection: wait for it, bounded.
      await reportedSince(reported);
      expect(lost.length).toBeGreaterThan(reported);
    } finally {
      // Released even when an assertion fails, or closing the pool would wait for it forever.
      client.release();
    }
    expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([{ one: 1 }]);
  });

  it('when it was idle in the pool, then the pool drops it and the next query reconnects', async () => {
    const client = await handle.pool!.connect();
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    client.release();
    const reported = lost.length;
    await terminate(rows[0]!.pid);
    await reportedSince(reported);
    expect(lost.length).toBeGreaterThan(reported);
    expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([{ one: 1 }]);
  });
});
