import { ensurePgliteSnapshot } from './pglite-snapshot.ts';
import { ensurePostgresTemplate } from './postgres-template.ts';

/**
 * Migrates once per run, before any worker starts: each test file then copies the migrated
 * template (PostgreSQL) or loads the migrated snapshot (PGlite). Workers inherit the names
 * through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) process.env.TEST_POSTGRES_TEMPLATE = await ensurePostgresTemplate(databaseUrl);
  else process.env.TEST_PGLITE_SNAPSHOT = await ensurePgliteSnapshot();
}
