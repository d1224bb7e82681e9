import path from 'node:path';
import { z } from 'zod';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/** A pg-boss schedule: a cron expression of five fields (or six, with seconds), read in UTC, or `off`. */
const cronOrOff = z
  .string()
  .trim()
  .refine(
    (value) => value === 'off' || /^\S+(\s+\S+){4,5}$/.test(value),
    'expected a cron expression such as "0 * * * *" (UTC), or off',
  );

/**
 * Signs the order links in diners' emails outside production, where nothing is secret; production
 * must set its own ORDER_LINK_SECRET.
 */
export const DEVELOPMENT_ORDER_LINK_SECRET = 'development-only-order-link-secret-not-for-production';

/** A storefront's address, kept without a trailing slash. */
const siteUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const optionalUrl = (protocols: string[], hint: string) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, hint)
    .optional();

/**
 * Production refuses to guess: without DATABASE_URL it would run on the embedded PGlite, and
 * without SMTP_URL it would write diners' emails to files nobody reads.
 */
function mailAndDatabaseIssues(env: {
  NODE_ENV: string;
  DATABASE_URL?: string | undefined;
  SMTP_URL?: string | undefined;
  MAIL_TRANSPORT?: 'smtp' | 'file' | undefined;
}): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const production = env.NODE_ENV === 'production';
  if (production && !env.DATABASE_URL) {
    issues.push({
      path: ['DATABASE_URL'],
      message: 'required when NODE_ENV=production (unset, the API would run on the embedded PGlite)',
    });
  }
  if (env.MAIL_TRANSPORT === 'file' && env.SMTP_URL) {
    issues.push({
      path: ['MAIL_TRANSPORT'],
      message: 'file writes .eml files, yet SMTP_URL is set: unset one of them',
    });
  } else if (!env.SMTP_URL && env.MAIL_TRANSPORT === 'smtp') {
    issues.push({ path: ['SMTP_URL'], message: 'required when MAIL_TRANSPORT=smtp' });
  } else if (!env.SMTP_URL && production && env.MAIL_TRANSPORT !== 'file') {
    issues.push({
      path: ['SMTP_URL'],
      message: 'required when NODE_ENV=production, unless MAIL_TRANSPORT=file writes .eml files on purpose',
    });
  }
  return issues;
}

/** Every setting the API reads, with its default. The README's configuration table mirrors this. */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** TCP port the API listens on. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    /** PostgreSQL connection string. Unset: embedded PGlite persisted in DATA_DIR. */
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:'], 'expected a postgres://user@host:port/db URL'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Named prepared statements on PostgreSQL; `false` behind PgBouncer older than 1.21 (transaction pooling). */
    DATABASE_PREPARED_STATEMENTS: flag.default(true),
    /** Where the embedded database and outgoing .eml files live. */
    DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
    /** Browser origins allowed to call the API (the storefronts), without credentials. */
    CORS_ORIGINS: list.default([
      'http://localhost:4321',
      'http://127.0.0.1:4321',
      'http://localhost:4323',
      'http://127.0.0.1:4323',
    ]),
    /** Browser origins of the operator console: the only ones sent credentials (the session cookie) and X-CSRF-Token. */
    CONSOLE_ORIGINS: list.default(['http://127.0.0.1:4322', 'http://localhost:4322']),
    /** Express `trust proxy`: hops of proxies in front of the API, so rate limits see the client IP. */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/, 'expected a size such as 100kb')
      .default('100kb'),
    /** Stripe secret key. Unset outside production: the local Stripe emulator is started. */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'expected a Stripe secret key (sk_test_… or sk_live_…)')
      .optional(),
    STRIPE_PUBLISHABLE_KEY: z
      .string()
      .regex(/^pk_(test|live)_[A-Za-z0-9_]+$/, 'expected a Stripe publishable key (pk_test_… or pk_live_…)')
      .optional(),
    /** Comma-separated webhook signing secrets; several during a rotation. */
    STRIPE_WEBHOOK_SECRETS: list
      .pipe(z.array(z.string().regex(/^whsec_\S+$/, 'expected whsec_… secrets, comma-separated')))
      .optional(),
    /** A non-default Stripe API base, such as the emulator's http://127.0.0.1:12111. */
    STRIPE_API_BASE: optionalUrl(['http:', 'https:'], 'expected an http(s) URL'),
    STRIPE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(12111),
    /** Shared store for rate limits across API processes. Unset: in memory. */
    REDIS_URL: optionalUrl(['redis:', 'rediss:'], 'expected a redis:// URL'),
    /** Rate-limit window; the RATE_LIMIT_* counts below are per window. 0 turns a limit off. */
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Operator API requests per key. */
    RATE_LIMIT_OPERATOR_PER_KEY: z.coerce.number().int().min(0).default(600),
    /** Operator API requests per client IP, counted before authentication. */
    RATE_LIMIT_OPERATOR_PER_IP: z.coerce.number().int().min(0).default(1200),
    /** Diner order creations (each opens a PaymentIntent) per client IP. */
    RATE_LIMIT_ORDERS_PER_IP: z.coerce.number().int().min(0).default(300),
    /** Window of the two sign-in limits below, which count failed attempts only. */
    RATE_LIMIT_SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    /** Failed staff sign-ins (and password changes) per client IP. */
    RATE_LIMIT_SIGN_IN_PER_IP: z.coerce.number().int().min(0).default(30),
    /** Failed staff sign-ins (and password changes) per email. */
    RATE_LIMIT_SIGN_IN_PER_EMAIL: z.coerce.number().int().min(0).default(10),
    SMTP_URL: optionalUrl(['smtp:', 'smtps:'], 'expected an smtp:// or smtps:// URL'),
    /** `file` writes diners' emails as .eml files in DATA_DIR/mail; production must choose it explicitly. */
    MAIL_TRANSPORT: z.enum(['smtp', 'file']).optional(),
    MAIL_FROM: z.string().min(3).default('Orders <orders@localhost>'),
    /**
     * Signs the order link in each diner's email (the order's own token is stored only hashed). At
     * least 32 characters; changing it stops the links already sent from working.
     */
    ORDER_LINK_SECRET: z
      .string()
      .min(32, 'expected at least 32 characters, e.g. from `openssl rand -hex 32`')
      .default(DEVELOPMENT_ORDER_LINK_SECRET),
    /** Run the job runner (queue workers, outbox dispatcher, reconciler) inside the API process. */
    JOBS_IN_PROCESS: flag.default(true),
    /** Retries after the first attempt of a post-payment job, before it goes to the dead letter. */
    JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(10),
    /** First retry delay; it doubles each retry (with jitter) up to JOB_RETRY_DELAY_MAX_SECONDS. */
    JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).default(15),
    JOB_RETRY_DELAY_MAX_SECONDS: z.coerce.number().int().min(1).default(1800),
    /** An attempt running longer (hung, or its worker died) is failed and retried. */
    JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).default(120),
    /** How often an idle worker polls the queue. */
    JOB_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).default(2),
    /** How often expired attempts (crashed workers) are looked for. */
    JOB_SUPERVISE_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(30),
    /** How often staged order_jobs rows are moved into the queue. */
    JOB_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(20).default(1000),
    /** On shutdown, how long running jobs may finish before they are failed for a retry elsewhere. */
    JOB_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(8000),
    /** Timeout of one POS hand-off request. */
    POS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** When the reconciler runs (cron, UTC); `off` disables the schedule (`reconcile:run` still works). */
    RECONCILE_CRON: cronOrOff.default('*/5 * * * *'),
    /** A pending_payment order older than this is re-synced from Stripe (lost webhooks). */
    RECONCILE_PENDING_AFTER_MINUTES: z.coerce.number().int().min(1).default(15),
    /** A pending_payment order older than this is abandoned: its PaymentIntent is canceled. */
    ABANDONED_ORDER_TTL_MINUTES: z.coerce.number().int().min(5).default(120),
    /** When idempotency keys past their retention are deleted (cron, UTC); `off` disables the schedule. */
    IDEMPOTENCY_PURGE_CRON: cronOrOff.default('0 * * * *'),
    /** When orders past their acceptance window are rejected (cron, UTC); `off` disables it. */
    ACCEPTANCE_EXPIRY_CRON: cronOrOff.default('* * * * *'),
    /** The seeded demo restaurants' hours: `realistic` (lunch and dinner, New York) or `all-day`. */
    DEMO_HOURS: z.enum(['realistic', 'all-day']).default('realistic'),
    /** Where the seeded `demo` storefront is served, for the order links in its emails. Unset: http://127.0.0.1:4321. */
    DEMO_SITE_URL: siteUrl.optional(),
    /** Where the seeded `demo-manual` storefront is served. Unset: http://127.0.0.1:4323. */
    DEMO_MANUAL_SITE_URL: siteUrl.optional(),
    /** Port of this process's Prometheus metrics (GET /metrics), apart from the API. Unset: not served. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Address the metrics port listens on; 0.0.0.0 in a container, for Prometheus on the private network. */
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    /**
     * How often each process reads the order change feed while event streams are open, besides
     * reading at once on PostgreSQL's notification: the bound on a change's delay when a
     * notification is lost.
     */
    ORDER_FEED_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    /** On SIGTERM, how long requests in flight may finish before their connections are closed. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(8000),
    /** Operator API key for the seeded demo restaurant. Unset: one is generated and printed. */
    DEMO_OPERATOR_API_KEY: z
      .string()
      .regex(/^rk_[a-z0-9]+_[A-Za-z0-9]{24,}$/, 'expected rk_<prefix>_<secret>')
      .optional(),
  })
  .superRefine((env, ctx) => {
    const live = env.STRIPE_SECRET_KEY?.includes('_live_');
    if (live && env.NODE_ENV !== 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_SECRET_KEY'],
        message: 'a live key is refused unless NODE_ENV=production',
      });
    }
    if (env.NODE_ENV === 'production') {
      for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRETS'] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'required when NODE_ENV=production' });
      }
      if (env.ORDER_LINK_SECRET === DEVELOPMENT_ORDER_LINK_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['ORDER_LINK_SECRET'],
          message: 'required when NODE_ENV=production (e.g. `openssl rand -hex 32`)',
        });
    }
    for (const issue of mailAndDatabaseIssues(env)) ctx.addIssue({ code: 'custom', ...issue });
    if (env.STRIPE_SECRET_KEY && env.STRIPE_PUBLISHABLE_KEY) {
      const skLive = env.STRIPE_SECRET_KEY.includes('_live_');
      if (skLive !== env.STRIPE_PUBLISHABLE_KEY.startsWith('pk_live_')) {
        ctx.addIssue({
          code: 'custom',
          path: ['STRIPE_PUBLISHABLE_KEY'],
          message: 'must be in the same mode (test or live) as STRIPE_SECRET_KEY',
        });
      }
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRETS) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRETS'],
        message: 'required when STRIPE_SECRET_KEY is set',
      });
    }
  });

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
    this.problems = problems;
  }
}

/** Parses the environment once; nothing else in the API reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = ConfigSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  return Object.freeze(parsed.data);
}

/** For process entry points: the config, or one line per bad variable on stderr and exit code 78. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.problems) process.stderr.write(`config error: ${line}\n`);
    process.exit(78);
  }
}
