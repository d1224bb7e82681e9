import { readFile } from 'node:fs/promises';
import { ConfigError, ConfigSchema, loadConfig } from './config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('when nothing is set, then it runs the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, HOST: '127.0.0.1' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.STRIPE_SECRET_KEY).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when values are bad, then every bad variable is named with what is expected', () => {
    const found = problems({ DATABASE_URL: 'not-a-url', PORT: 'abc', STRIPE_SECRET_KEY: 'nope' });
    expect(found).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^DATABASE_URL: expected a postgres/),
      expect.stringMatching(/^STRIPE_SECRET_KEY: expected a Stripe secret key/),
    ]);
  });

  it('when a live key is used outside production, then it is refused', () => {
    expect(problems({ STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_WEBHOOK_SECRETS: 'whsec_x' })).toEqual([
      'STRIPE_SECRET_KEY: a live key is refused unless NODE_ENV=production',
    ]);
  });

  it('when production lacks Stripe, database and mail settings, then each is named on its own line', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'STRIPE_SECRET_KEY: required when NODE_ENV=production',
      'STRIPE_PUBLISHABLE_KEY: required when NODE_ENV=production',
      'STRIPE_WEBHOOK_SECRETS: required when NODE_ENV=production',
      'ORDER_LINK_SECRET: required when NODE_ENV=production (e.g. `openssl rand -hex 32`)',
      'DATABASE_URL: required when NODE_ENV=production (unset, the API would run on the embedded PGlite)',
      'SMTP_URL: required when NODE_ENV=production, unless MAIL_TRANSPORT=file writes .eml files on purpose',
    ]);
  });

  const production = {
    NODE_ENV: 'production',
    STRIPE_SECRET_KEY: 'sk_live_1',
    STRIPE_PUBLISHABLE_KEY: 'pk_live_1',
    STRIPE_WEBHOOK_SECRETS: 'whsec_a',
    DATABASE_URL: 'postgres://db/app',
    ORDER_LINK_SECRET: 'f'.repeat(64),
  };

  it('when production sets everything, or opts into .eml files explicitly, then it starts', () => {
    expect(problems({ ...production, SMTP_URL: 'smtp://mail:25' })).toEqual([]);
    expect(loadConfig({ ...production, MAIL_TRANSPORT: 'file' })).toMatchObject({ MAIL_TRANSPORT: 'file' });
  });

  it('when the order link secret is short, or a demo site URL is not http(s), then each is named', () => {
    expect(problems({ ORDER_LINK_SECRET: 'short', DEMO_SITE_URL: 'ftp://x.example' })).toEqual([
      'ORDER_LINK_SECRET: expected at least 32 characters, e.g. from `openssl rand -hex 32`',
      'DEMO_SITE_URL: expected an http(s) URL',
    ]);
    expect(loadConfig({ DEMO_SITE_URL: 'http://127.0.0.1:5000/' }).DEMO_SITE_URL).toBe(
      'http://127.0.0.1:5000',
    );
  });

  it('when the mail transport contradicts SMTP_URL, then the contradiction is named', () => {
    expect(problems({ MAIL_TRANSPORT: 'smtp' })).toEqual(['SMTP_URL: required when MAIL_TRANSPORT=smtp']);
    expect(problems({ MAIL_TRANSPORT: 'file', SMTP_URL: 'smtp://mail:25' })).toEqual([
      'MAIL_TRANSPORT: file writes .eml files, yet SMTP_URL is set: unset one of them',
    ]);
  });

  it('when webhook secrets are comma-separated, then all are kept for rotation', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRETS: 'whsec_a, whsec_b' });
    expect(config.STRIPE_WEBHOOK_SECRETS).toEqual(['whsec_a', 'whsec_b']);
  });

  it('when keys are in different modes, then the publishable key is refused', () => {
    expect(
      problems({
        STRIPE_SECRET_KEY: 'sk_test_1',
        STRIPE_PUBLISHABLE_KEY: 'pk_live_1',
        STRIPE_WEBHOOK_SECRETS: 'whsec_a',
      }),
    ).toEqual(['STRIPE_PUBLISHABLE_KEY: must be in the same mode (test or live) as STRIPE_SECRET_KEY']);
  });
});

describe('job schedules', () => {
  it('when nothing is set, then idempotency keys are purged hourly and the reconciler runs every 5 minutes', () => {
    expect(loadConfig({})).toMatchObject({
      IDEMPOTENCY_PURGE_CRON: '0 * * * *',
      RECONCILE_CRON: '*/5 * * * *',
    });
  });

  it('when a schedule is off or a six-field cron, then it is kept as given', () => {
    expect(loadConfig({ IDEMPOTENCY_PURGE_CRON: 'off', RECONCILE_CRON: '0 */5 * * * *' })).toMatchObject({
      IDEMPOTENCY_PURGE_CRON: 'off',
      RECONCILE_CRON: '0 */5 * * * *',
    });
  });

  it('when a schedule is not a cron expression, then the variable is named', () => {
    expect(problems({ IDEMPOTENCY_PURGE_CRON: 'hourly', RECONCILE_CRON: '*/5 * *' })).toEqual([
      'RECONCILE_CRON: expected a cron expression such as "0 * * * *" (UTC), or off',
      'IDEMPOTENCY_PURGE_CRON: expected a cron expression such as "0 * * * *" (UTC), or off',
    ]);
  });
});

describe('README configuration table', () => {
  it('when a setting exists, then the README documents it', async () => {
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
    const missing = Object.keys(ConfigSchema.shape).filter((name) => !readme.includes(`| \`${name}\``));
    expect(missing).toEqual([]);
  });
});
