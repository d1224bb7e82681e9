import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

/**
 * A fresh, migrated database for one test file: a throwaway database on the PostgreSQL named by
 * DATABASE_URL (created here, dropped on close), or an in-memory PGlite when it is unset.
 */
export async function createTestDatabase(
  databaseUrl: string | undefined,
  options: Pick<DatabaseOptions, 'poolSize' | 'preparedStatements' | 'onConnectionLost'> = {},
): Promise<DatabaseHandle> {
  if (!databaseUrl) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    poolSize: 20,
    ...options,
  });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: databaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
