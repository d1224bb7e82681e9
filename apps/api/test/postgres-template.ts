import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { migrationsHash } from './migrations-hash.ts';

const PREFIX = 'test_template_';
/** Templates of other migrations (another branch, another checkout) unused this long are dropped. */
const KEEP_UNUSED_MS = 24 * 60 * 60 * 1000;

/**
 * The migrated template database that each test file's throwaway database is copied from, built on
 * first use. Its name carries the migrations' hash; its comment says when a run last used it.
 */
export async function ensurePostgresTemplate(databaseUrl: string): Promise<string> {
  const name = `${PREFIX}${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    // Parallel runs (other checkouts share this server) build a given template one at a time;
    // the lock goes with the session.
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    const found = await admin.query('select 1 from pg_database where datname = $1 and datistemplate', [name]);
    if (found.rowCount === 0) await buildTemplate(admin, databaseUrl, name);
    await admin.query(`comment on database ${name} is '${new Date().toISOString()}'`);
    await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
    await dropStaleTemplates(admin, name);
  } finally {
    await admin.end();
  }
  return name;
}

async function buildTemplate(admin: pg.Client, databaseUrl: string, name: string): Promise<void> {
  // Built under another name and renamed when complete, so a crash never leaves a half-made template.
  const building = `${name}_building`;
  await admin.query(`drop database if exists ${building} with (force)`);
  await admin.query(`create database ${building}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${building}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  await admin.query(`alter database ${building} with is_template true allow_connections false`);
  await admin.query(`alter database ${building} rename to ${name}`);
}

async function dropStaleTemplates(admin: pg.Client, current: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname ~ $1 and datname <> $2`,
    [`^${PREFIX}[0-9a-f]{12}$`, current],
  );
  for (const { datname } of rows) {
    // A run that holds this template's lock is about to use it: leave it.
    const locked = await admin.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
      datname,
    ]);
    if (!locked.rows[0]?.ok) continue;
    try {
      const used = await admin.query<{ comment: string | null }>(
        `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
        [datname],
      );
      // One without a readable date was not made here: it is left to whoever made it.
      const lastUsed = Date.parse(used.rows[0]?.comment ?? '');
      if (!Number.isNaN(lastUsed) && Date.now() - lastUsed > KEEP_UNUSED_MS) {
        await admin.query(`alter database ${datname} with is_template false`);
        await admin.query(`drop database if exists ${datname} with (force)`);
      }
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [datname]);
    }
  }
}
