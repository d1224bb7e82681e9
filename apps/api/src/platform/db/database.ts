import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type Kysely as KyselyType, PGliteDialect, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { type Listen, postgresListener } from './listen.ts';
import { lockDataDir } from './pglite-lock.ts';
import { PreparedStatementClient } from './prepared-statements.ts';
import type { Database } from './schema.ts';

export type Db = KyselyType<Database>;
export type Tx = Transaction<Database>;
/** A connection or an open transaction: what every repository takes as its first argument. */
export type Executor = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** A PGlite instance, when embedded; the job queue adapter needs it. */
  pglite?: PGlite;
  /** The pg pool, when on PostgreSQL. */
  pool?: pg.Pool;
  /** LISTEN for a channel's notifications (on PostgreSQL, on a connection of its own). */
  listen: Listen;
  close(): Promise<void>;
}

// Return int8 and numeric as numbers we can do arithmetic on; our counts and sums fit.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; `memory://` keeps it in memory. */
  dataDir: string;
  /** A tarball from PGlite's `dumpDataDir` to start an in-memory database from (tests start migrated). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** Name statements so PostgreSQL plans each once per connection (off for PgBouncer before 1.21). */
  preparedStatements?: boolean;
  /** A pooled connection the server ended (restart, failover): the pool replaces it on the next query. */
  onConnectionLost?: (error: Error) => void;
}

/** The database options a process takes from its configuration. */
export function databaseOptions(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DATABASE_POOL_SIZE' | 'DATABASE_PREPARED_STATEMENTS'>,
  onConnectionLost?: (error: Error) => void,
): DatabaseOptions {
  return {
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
    ...(onConnectionLost ? { onConnectionLost } : {}),
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.preparedStatements === false ? {} : { Client: PreparedStatementClient }),
      // A request never waits long on a row lock: it fails, and the caller (or Stripe) retries.
      options: '-c lock_timeout=5000',
      // Nor long for a connection while the server is out of reach: it gets a 503 to retry.
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    // pg-pool listens for errors on idle clients only. A checked-out client whose connection the
    // server ends (a restart, a failover) emits 'error' with no listener, which ends the process: so
    // every client gets a listener of its own. Its queries fail (503), and the pool discards it on
    // release; the next query connects afresh.
    pool.on('connect', (client) => client.on('error', (error) => options.onConnectionLost?.(error)));
    // The client's own listener above has reported the error; without a listener here, pg-pool's
    // re-emission of an idle client's error would end the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const listen = postgresListener(
      { connectionString: options.databaseUrl, connectionTimeoutMillis: 5000, keepAlive: true },
      (error) => options.onConnectionLost?.(error),
    );
    return { db, kind: 'postgres', pool, listen, close: () => db.destroy() };
  }
  const dataDir = options.dataDir === 'memory://' ? 'memory://' : path.join(options.dataDir, 'pglite');
  let unlock = () => {};
  if (dataDir !== 'memory://') {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const pglite = await PGlite.create(dataDir, { loadDataDir: options.loadDataDir });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    listen: (channel, onNotify) => pglite.listen(channel, onNotify),
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}
