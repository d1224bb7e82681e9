import { startEmulator } from './emulator.ts';
import type { WebhookEndpointConfig } from './types.ts';

const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
const webhookUrl = process.env.STRIPE_EMULATOR_WEBHOOK_URL;
const webhookSecret = process.env.STRIPE_EMULATOR_WEBHOOK_SECRET;
if (webhookUrl && !webhookSecret) {
  console.error('STRIPE_EMULATOR_WEBHOOK_SECRET is required when STRIPE_EMULATOR_WEBHOOK_URL is set');
  process.exit(1);
}
const webhooks: WebhookEndpointConfig[] =
  webhookUrl && webhookSecret ? [{ url: webhookUrl, secret: webhookSecret }] : [];

const emulator = await startEmulator({ port, webhooks, logger: (line) => console.log(line) });
console.log('This is an offline TEST DOUBLE, not Stripe. Never use it for real payments.');
console.log(`  secret key:      ${emulator.secretKey} (any sk_test_ key works)`);
console.log(`  publishable key: ${emulator.publishableKey} (any pk_test_ key works)`);
console.log(`  Stripe.js:       ${emulator.url}/v3/stripe.js`);
console.log(`  controls:        ${emulator.url}/_emulator/...`);
console.log(
  webhooks.length
    ? `  webhooks ->      ${webhookUrl}`
    : '  webhooks:        none (set STRIPE_EMULATOR_WEBHOOK_URL and _SECRET)',
);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down`);
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
