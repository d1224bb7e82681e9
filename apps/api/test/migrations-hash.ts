import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dbDir = path.resolve(import.meta.dirname, '../src/platform/db');

/**
 * A short hash of every migration and of the list that orders them, plus `salt`. It names the
 * migrated database that test files start from, so a changed migration gives a new one.
 */
export function migrationsHash(salt = ''): string {
  const hash = createHash('sha256').update(salt);
  const migrations = readdirSync(path.join(dbDir, 'migrations')).sort();
  for (const file of ['migrate.ts', ...migrations.map((name) => path.join('migrations', name))]) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(dbDir, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}
