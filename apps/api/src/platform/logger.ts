import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

const CARD_LIKE = /\b(?:\d[ -]?){13,19}\b/g;
const SECRET_LIKE = /\b(?:sk|rk|whsec)_(?:test|live)?_?[A-Za-z0-9_]{8,}/g;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** Masks card-like digit runs and secrets in any string; emails too unless we are in development. */
export function scrubText(text: string, maskEmails: boolean): string {
  let out = text.replace(CARD_LIKE, '[card redacted]').replace(SECRET_LIKE, '[secret redacted]');
  if (maskEmails) out = out.replace(EMAIL, '$1***@$2');
  return out;
}

function scrubValue(value: unknown, maskEmails: boolean, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value, maskEmails);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, maskEmails, depth + 1));
  // Class instances (errors, requests, responses) go to their serializers untouched.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, scrubValue(item, maskEmails, depth + 1)]),
  );
}

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.apiKey',
  '*.api_key',
  '*.secret',
  '*.secretKey',
  '*.client_secret',
  '*.order_token',
  '*.password',
  '*.card',
];

export function createLogger(
  config: Pick<Config, 'NODE_ENV' | 'LOG_LEVEL'>,
  destination?: DestinationStream,
): Logger {
  const maskEmails = config.NODE_ENV !== 'development';
  const options: LoggerOptions = {
    level: config.LOG_LEVEL ?? (config.NODE_ENV === 'test' ? 'silent' : 'info'),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: {
      log: (object) => scrubValue(object, maskEmails) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg, maskEmails) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
