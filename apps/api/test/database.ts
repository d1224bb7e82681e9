import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

async function asAdmin(databaseUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** An empty database of its own on the PostgreSQL server of `databaseUrl`, and how to drop it. */
export async function throwawayDatabase(
  databaseUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await asAdmin(databaseUrl, `create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(databaseUrl, `drop database if exists ${name} with (force)`),
  };
}

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
  const database = await throwawayDatabase(databaseUrl);
  const handle = await openDatabase({
    databaseUrl: database.url,
    dataDir: 'memory://',
    poolSize: 20,
    ...options,
  });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
