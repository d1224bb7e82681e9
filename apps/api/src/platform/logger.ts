import { type DestinationStream, type Logger, type LoggerOptions, pino, stdSerializers } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/**
 * 13 to 19 digits, perhaps grouped by spaces or dashes, standing on their own: not the digits that
 * open a UUID or another id (a letter, digit or dash on either side), which are no card.
 */
const CARD_LIKE = /(?<![\w-])(?:\d[ -]?){12,18}\d(?![\w-])/g;
/**
 * Secrets we mint or receive: Stripe keys and our operator keys (`sk_`, `rk_`), webhook signing
 * secrets (`whsec_`), order tokens (`ot_`), and client secrets (`pi_…_secret_…`, `seti_…_secret_…`).
 */
const SECRET_LIKE = /\b(?:sk|rk|whsec|ot)_[A-Za-z0-9_-]{8,}|\b[a-z]+_[A-Za-z0-9]+_secret_[A-Za-z0-9_-]+/g;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** Full emails help while developing; everywhere else they are personal data the logs must not keep. */
export function masksEmails(config: Pick<Config, 'NODE_ENV'>): boolean {
  return config.NODE_ENV !== 'development';
}

/** Masks card-like digit runs and secrets in any string; emails too unless we are in development. */
export function scrubText(text: string, maskEmails: boolean): string {
  let out = text.replace(CARD_LIKE, '[card redacted]').replace(SECRET_LIKE, '[secret redacted]');
  if (maskEmails) out = out.replace(EMAIL, '$1***@$2');
  return out;
}

export function scrubValue(value: unknown, maskEmails: boolean, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value, maskEmails);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, maskEmails, depth + 1));
  // Class instances (errors, requests, responses) go to their serializers, which scrub their output.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, scrubValue(item, maskEmails, depth + 1)]),
  );
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A request URL as the log keeps it: the path, decoded so an encoded secret is recognised and
 * scrubbed, and the query string reduced to its parameter names (`?api_key&token`), since values
 * there are whatever a client chose to send.
 */
export function scrubUrl(url: string, maskEmails: boolean): string {
  const mark = url.indexOf('?');
  const path = scrubText(decoded(mark === -1 ? url : url.slice(0, mark)), maskEmails);
  if (mark === -1) return path;
  const names = [...new Set(new URLSearchParams(url.slice(mark + 1)).keys())];
  return `${path}?${names.map((name) => scrubText(name, maskEmails)).join('&')}`;
}

/**
 * An error as logged: pino's serializer, its text scrubbed. pg-pool attaches the failed client to
 * a lost connection's error, and that client's settings include the database password.
 */
export function errorSerializer(maskEmails: boolean) {
  return (error: Error) => {
    const { client: _client, ...serialized } = stdSerializers.err(error) as ReturnType<
      typeof stdSerializers.err
    > & { client?: unknown };
    return scrubValue(serialized, maskEmails);
  };
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
  '*.current_password',
  '*.new_password',
  '*.one_time_password',
  '*.password_hash',
  '*.csrf_token',
  '*.card',
];

export function createLogger(
  config: Pick<Config, 'NODE_ENV' | 'LOG_LEVEL'>,
  destination?: DestinationStream,
): Logger {
  const maskEmails = masksEmails(config);
  const options: LoggerOptions = {
    level: config.LOG_LEVEL ?? (config.NODE_ENV === 'test' ? 'silent' : 'info'),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: errorSerializer(maskEmails) },
    formatters: {
      // Runs before the serializers, so it scrubs plain values; serializers scrub their own output.
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
