import cors, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';
import type { Config } from './config.ts';

const HEADERS = [
  'Content-Type',
  'Authorization',
  'Idempotency-Key',
  'X-Order-Token',
  'X-Request-Id',
  'Last-Event-ID',
];
const EXPOSED = ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'];

/**
 * Storefront origins (CORS_ORIGINS) may call the API without credentials. Only the console's
 * origins (CONSOLE_ORIGINS) may send the session cookie and X-CSRF-Token, so no other site's
 * script can act with a signed-in member's session.
 */
export function corsPolicy(config: Config): RequestHandler {
  const storefront: CorsOptions = {
    origin: config.CORS_ORIGINS,
    allowedHeaders: HEADERS,
    exposedHeaders: EXPOSED,
    maxAge: 600,
  };
  const forConsole: CorsOptions = {
    ...storefront,
    origin: config.CONSOLE_ORIGINS,
    credentials: true,
    allowedHeaders: [...HEADERS, 'X-CSRF-Token'],
  };
  return cors((req, callback) => {
    const origin = req.headers.origin;
    callback(null, origin !== undefined && config.CONSOLE_ORIGINS.includes(origin) ? forConsole : storefront);
  });
}
