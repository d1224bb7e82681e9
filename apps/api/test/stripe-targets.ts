import { randomUUID } from 'node:crypto';
import { startEmulator } from '@repo/stripe-emulator';
import Stripe from 'stripe';
import type { PaymentGateway } from '../src/payments/payment-gateway.ts';
import { createStripeGateway } from '../src/payments/stripe-gateway.ts';
import { createLogger } from '../src/platform/logger.ts';

const logger = createLogger({ NODE_ENV: 'test' });

export interface StripeTarget {
  name: string;
  /** The gateway under test, and the raw SDK for what the browser would do (confirming). */
  open(): Promise<{ gateway: PaymentGateway; sdk: Stripe; close(): Promise<void> }>;
}

const emulator: StripeTarget = {
  name: 'the local emulator',
  async open() {
    const instance = await startEmulator();
    const gateway = createStripeGateway({
      secretKey: instance.secretKey,
      publishableKey: instance.publishableKey,
      webhookSecrets: ['whsec_unused'],
      apiBase: instance.url,
      logger,
    });
    return {
      gateway,
      sdk: new Stripe(instance.secretKey, instance.stripeConfig),
      close: () => instance.close(),
    };
  },
};

/**
 * Where the Stripe-facing integration tests run: always the emulator, and real Stripe test mode
 * too when STRIPE_SECRET_KEY=sk_test_… is set (it needs the network).
 */
export function stripeTargets(): StripeTarget[] {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key?.startsWith('sk_test_')) {
    process.stdout.write(
      'Real Stripe test mode: skipped (set STRIPE_SECRET_KEY=sk_test_… with network access to run it).\n',
    );
    return [emulator];
  }
  const real: StripeTarget = {
    name: 'Stripe test mode',
    async open() {
      const gateway = createStripeGateway({
        secretKey: key,
        publishableKey: 'pk_test_unused',
        webhookSecrets: ['whsec_unused'],
        logger,
      });
      return { gateway, sdk: new Stripe(key), close: async () => {} };
    },
  };
  return [emulator, real];
}

export const uniqueOrderId = () => randomUUID();
