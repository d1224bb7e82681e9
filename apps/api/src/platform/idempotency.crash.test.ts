import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Menu } from '@repo/contracts';
import { type Emulator, startEmulator } from '@repo/stripe-emulator';
import Stripe from 'stripe';
import { type ApiProcess, startApiProcess, until } from '../../test/child-process.ts';
import { throwawayDatabase } from '../../test/database.ts';
import { newKey, pickupOrder } from '../../test/fixtures.ts';
import { type StripeProxy, startStripeProxy } from '../../test/stripe-proxy.ts';

/** How soon after a crash the diner's retry must be served: the lease, and a restart. */
const TAKEOVER_MS = 15_000;

let emulator: Emulator;
let proxy: StripeProxy;
let database: { url: string; drop(): Promise<void> } | undefined;
let env: Record<string, string>;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'api-crash-'));
const apis: ApiProcess[] = [];

beforeAll(async () => {
  emulator = await startEmulator({});
  proxy = await startStripeProxy(emulator.url);
  if (process.env.DATABASE_URL) database = await throwawayDatabase(process.env.DATABASE_URL);
  env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    // The embedded database outlives the process in its directory, as PostgreSQL would.
    ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
    STRIPE_SECRET_KEY: emulator.secretKey,
    STRIPE_PUBLISHABLE_KEY: emulator.publishableKey,
    STRIPE_WEBHOOK_SECRETS: 'whsec_crash_test_secret_0001',
    STRIPE_API_BASE: proxy.url,
    JOBS_IN_PROCESS: 'false',
    RATE_LIMIT_ORDERS_PER_IP: '0',
  };
}, 30_000);

afterAll(async () => {
  await Promise.all(apis.map((api) => api.stop('SIGKILL')));
  await proxy?.close();
  await emulator?.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(api: ApiProcess, key: string, body: string) {
  const res = await fetch(`${api.url}/api/clients/demo/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body,
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: await res.text() };
}

describe('POST /api/clients/:slug/orders when the API dies between its Stripe call and its commit', () => {
  it('when the process is killed and started again, then each key is taken over within 15 s and keeps its one PaymentIntent', async () => {
    const first = await startApiProcess('main', env);
    apis.push(first);
    const menu = (await (await fetch(`${first.url}/api/clients/demo/menu`)).json()) as Menu;
    const body = JSON.stringify(pickupOrder(menu));
    const keys = [newKey(), newKey(), newKey()];

    proxy.withhold = true;
    const cut = keys.map((key) => post(first, key, body).catch(() => undefined));
    await until(async () => proxy.withheld() === keys.length, 'the PaymentIntents to be made', 10_000);
    const killedAt = Date.now();
    await first.stop('SIGKILL');
    await Promise.all(cut);
    proxy.withhold = false;

    const second = await startApiProcess('main', env);
    apis.push(second);
    // On a busy machine the restart itself may outlast the lease: then the first retry must be served.
    const deadline = Math.max(killedAt + TAKEOVER_MS, Date.now() + 1000);
    const answers = new Map<string, string>();
    for (const key of keys) {
      await until(
        async () => {
          const answer = await post(second, key, body);
          if (answer.status === 201) answers.set(key, answer.body);
          else expect(answer.status).toBe(409);
          return answer.status === 201;
        },
        `key ${key} to be taken over`,
        Math.max(0, deadline - Date.now()),
      );
    }

    const stripe = new Stripe(emulator.secretKey, emulator.stripeConfig);
    const intents = (await stripe.paymentIntents.list({ limit: 100 })).data;
    for (const key of keys) {
      const created = JSON.parse(answers.get(key) ?? '{}') as { order_id: string; client_secret: string };
      const ofOrder = intents.filter((intent) => intent.metadata.order_id === created.order_id);
      expect(ofOrder.map((intent) => intent.id)).toEqual([created.client_secret.split('_secret_')[0]]);
      // A further retry replays the same answer, byte for byte.
      expect(await post(second, key, body)).toEqual({
        status: 201,
        replayed: 'true',
        body: answers.get(key),
      });
    }
    expect(intents).toHaveLength(keys.length);
  }, 60_000);
});
