import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from '../src/platform/db/database.ts';
import { ensurePgliteSnapshot, loadSnapshot } from './pglite-snapshot.ts';
import { ensurePostgresTemplate } from './postgres-template.ts';

async function adminQuery(databaseUrl: string, statement: string): Promise<void> {
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
  await adminQuery(databaseUrl, `create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(databaseUrl, `drop database if exists ${name} with (force)`),
  };
}

/**
 * A fresh, migrated database for one test file: a throwaway copy of the migrated template on the
 * PostgreSQL named by DATABASE_URL (dropped on close), or an in-memory PGlite started from the
 * migrated snapshot when it is unset. Jest's global setup names the template or snapshot; without
 * it, they are found or built here.
 */
export async function createTestDatabase(
  databaseUrl: string | undefined,
  options: Pick<DatabaseOptions, 'poolSize' | 'preparedStatements' | 'onConnectionLost'> = {},
): Promise<DatabaseHandle> {
  if (!databaseUrl) {
    const snapshot = process.env.TEST_PGLITE_SNAPSHOT ?? (await ensurePgliteSnapshot());
    return openDatabase({ dataDir: 'memory://', loadDataDir: await loadSnapshot(snapshot) });
  }
  const template = process.env.TEST_POSTGRES_TEMPLATE ?? (await ensurePostgresTemplate(databaseUrl));
  const name = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(databaseUrl, `create database ${name} template ${template}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    poolSize: 20,
    ...options,
  });
  return {
    ...handle,
    close: async () => {
      try {
        await handle.close();
      } finally {
        await adminQuery(databaseUrl, `drop database if exists ${name} with (force)`);
      }
    },
  };
}
