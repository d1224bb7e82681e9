import { startEmulator } from '@repo/stripe-emulator';

const emulator = await startEmulator({ port: 0 });
process.stdout.write(
  `${JSON.stringify({ url: emulator.url, secretKey: emulator.secretKey, publishableKey: emulator.publishableKey })}\n`,
);
process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
