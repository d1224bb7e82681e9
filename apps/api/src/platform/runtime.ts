import { randomBytes } from 'node:crypto';
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import { createStripeGateway, stripeGatewayFromConfig } from '../payments/stripe-gateway.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, databaseOptions, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Logger } from './logger.ts';

export interface Runtime {
  database: DatabaseHandle;
  payments: PaymentGateway;
  /** Set when the local Stripe emulator was started because no Stripe keys are configured. */
  emulatorUrl?: string;
  close(): Promise<void>;
}

/**
 * Opens the database (migrated) and the payment gateway. Without Stripe keys outside production,
 * starts the local Stripe emulator in-process, delivering webhooks to this API.
 */
export async function openRuntime(config: Config, logger: Logger, webhookUrl: string): Promise<Runtime> {
  const database = await openDatabase(
    databaseOptions(config, (err) => logger.warn({ err }, 'database connection lost; the pool reconnects')),
  );
  const applied = await migrateToLatest(database.db);
  logger.info({ database: database.kind, applied }, 'database ready');

  const gateway = stripeGatewayFromConfig(config, logger);
  if (gateway) {
    logger.info(
      { livemode: gateway.livemode, apiBase: config.STRIPE_API_BASE ?? 'api.stripe.com' },
      'Stripe configured',
    );
    return { database, payments: gateway, close: () => database.close() };
  }

  // Development only: config refuses production without keys, and this import never loads there.
  const { startEmulator } = await import('@repo/stripe-emulator');
  const secret = `whsec_${randomBytes(24).toString('hex')}`;
  const emulator = await startEmulator({
    port: config.STRIPE_EMULATOR_PORT,
    webhooks: [{ url: webhookUrl, secret }],
  });
  const payments = createStripeGateway({
    secretKey: emulator.secretKey,
    publishableKey: emulator.publishableKey,
    webhookSecrets: [secret],
    apiBase: emulator.url,
    logger,
  });
  logger.warn(
    { emulator: emulator.url },
    'no STRIPE_SECRET_KEY: using the local Stripe emulator (a test double, not Stripe)',
  );
  return {
    database,
    payments,
    emulatorUrl: emulator.url,
    close: async () => {
      await emulator.close();
      await database.close();
    },
  };
}
