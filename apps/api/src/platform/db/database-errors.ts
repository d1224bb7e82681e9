import { isStalePlanError } from './prepared-statements.ts';

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : '';
}

/**
 * The server is restarting or out of reach: shut down (57P01, 57P02), not accepting connections
 * yet (57P03), full (53300), a connection exception (class 08), or the socket failed.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** What pg raises, without a code, for a connection that ended or never came. */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable)/;

/**
 * Database errors nobody's input should turn into a 500: class 22 (a value the database cannot
 * store that validation let through); `contention`, which a retry resolves (a lock wait, a
 * serialization failure or deadlock, or a prepared plan a migration made stale); and `unavailable`,
 * an outage a retry outlasts once the database is back.
 */
export function databaseErrorClass(err: unknown): 'data' | 'contention' | 'unavailable' | null {
  const code = codeOf(err);
  if (/^22[0-9A-Z]{3}$/.test(code)) return 'data';
  if (code === '55P03' || code === '40001' || code === '40P01' || isStalePlanError(err)) return 'contention';
  if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return 'unavailable';
  if (err instanceof Error && UNAVAILABLE_MESSAGE.test(err.message)) return 'unavailable';
  return null;
}

export function isRetryableDatabaseError(err: unknown): boolean {
  const found = databaseErrorClass(err);
  return found === 'contention' || found === 'unavailable';
}
