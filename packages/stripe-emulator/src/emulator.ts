import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { createControl } from './control.ts';
import type { Domain } from './domain/context.ts';
import { EventLog } from './domain/events.ts';
import { Store } from './domain/store.ts';
import { RestrictedKeys } from './http/auth.ts';
import { FailSwitch } from './http/fail-switch.ts';
import { randomToken } from './ids.ts';
import type { Emulator, EmulatorOptions } from './types.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';

const DEFAULT_RETRY_SCHEDULE_MS = [1000, 2000, 5000, 10000, 30000];

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.logger ?? (() => {});
  const store = new Store();
  const dispatcher = new WebhookDispatcher({
    endpoints: opts.webhooks ?? [],
    retryScheduleMs: opts.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS,
    timeoutMs: opts.webhookTimeoutMs ?? 5000,
    log,
  });
  let url = '';
  const domain: Domain = {
    store,
    events: new EventLog(store, dispatcher),
    baseUrl: () => url,
    refundSettleMs: opts.refundSettleMs ?? 1000,
  };
  const failSwitch = new FailSwitch();
  const restrictedKeys = new RestrictedKeys(opts.restrictedKeys);
  const control = createControl({ domain, dispatcher, failSwitch, restrictedKeys });
  const app = createApp({ domain, control, failSwitch, restrictedKeys, log });
  const server = app.listen(opts.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`stripe emulator (test double, not Stripe) listening on ${url}`);
  return {
    url,
    port,
    publishableKey: `pk_test_emulator${randomToken(24)}`,
    secretKey: `sk_test_emulator${randomToken(24)}`,
    stripeConfig: { host, port, protocol: 'http' },
    control,
    async close() {
      dispatcher.close();
      store.reset();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
