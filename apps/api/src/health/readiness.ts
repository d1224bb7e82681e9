import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { isMigrated } from '../platform/db/migrate.ts';
import type { Logger } from '../platform/logger.ts';

export type DatabaseReadiness = 'ok' | 'migrations pending' | 'down';

/** Whether the database answers and is migrated: a load balancer sends no traffic until it does. */
export async function databaseReadiness(db: Db, logger: Logger): Promise<DatabaseReadiness> {
  try {
    await sql`select 1`.execute(db);
    return (await isMigrated(db)) ? 'ok' : 'migrations pending';
  } catch (err) {
    logger.warn({ err }, 'readiness check failed: the database is down');
    return 'down';
  }
}
