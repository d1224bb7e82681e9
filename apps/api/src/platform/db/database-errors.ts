import { isStalePlanError } from './prepared-statements.ts';

function sqlState(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : '';
}

/**
 * Database errors nobody's input should turn into a 500: class 22 (a value the database cannot
 * store that validation let through), and `contention`, which a retry resolves: a lock wait,
 * a serialization failure or deadlock, or a prepared plan a migration made stale.
 */
export function databaseErrorClass(err: unknown): 'data' | 'contention' | null {
  const code = sqlState(err);
  if (/^22[0-9A-Z]{3}$/.test(code)) return 'data';
  if (code === '55P03' || code === '40001' || code === '40P01' || isStalePlanError(err)) return 'contention';
  return null;
}

export function isRetryableDatabaseError(err: unknown): boolean {
  return databaseErrorClass(err) === 'contention';
}
