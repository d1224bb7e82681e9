import { type Harness, startHarness, WebhookReceiver } from '../testing/harness.ts';

const SECRET = 'whsec_endpoints';
let h: Harness;
let first: WebhookReceiver;
let second: WebhookReceiver;

beforeAll(async () => {
  first = new WebhookReceiver(SECRET);
  second = new WebhookReceiver(SECRET);
  h = await startHarness({ webhooks: [{ url: await first.start(), secret: SECRET }] });
  await second.start();
});
afterAll(async () => {
  await h.emulator.close();
  await first.close();
  await second.close();
});
beforeEach(() => {
  h.emulator.control.reset();
  for (const receiver of [first, second]) {
    receiver.received.length = 0;
    receiver.respond = () => 200;
  }
});

const pay = () =>
  h.stripe.paymentIntents.create({
    amount: 2000,
    currency: 'usd',
    confirm: true,
    payment_method: 'pm_card_visa',
  });

describe('webhook endpoints', () => {
  it('when events are delivered, then pending_webhooks counts down per endpoint as each answers 2xx', async () => {
    h.emulator.control.addWebhookEndpoint({ url: second.url, secret: SECRET });
    second.respond = () => 500;
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    const [event] = (await h.stripe.events.list()).data;
    expect(event?.pending_webhooks).toBe(1);
    expect(first.received[0]?.event?.pending_webhooks).toBe(2);
    second.respond = () => 200;
    await h.emulator.control.resend(event?.id ?? '');
    expect((await h.stripe.events.retrieve(event?.id ?? '')).pending_webhooks).toBe(0);
  });

  it('when the same endpoint and secret are registered twice, then each delivery is sent and signed once', async () => {
    h.emulator.control.addWebhookEndpoint({ url: first.url, secret: SECRET });
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    expect(first.received).toHaveLength(1);
    expect(first.received[0]?.signature.match(/v1=/g)).toHaveLength(1);
  });

  it('when reset, then endpoints added since start are gone and those given at start remain', async () => {
    h.emulator.control.addWebhookEndpoint({ url: second.url, secret: SECRET });
    h.emulator.control.reset();
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    expect(second.received).toHaveLength(0);
    expect(first.types()).toEqual(['payment_intent.created']);
  });

  it('when shuffle is on with a seed, then batches arrive in a random order that the same seed repeats', async () => {
    const orders: string[][] = [];
    for (let run = 0; run < 2; run++) {
      h.emulator.control.reset();
      first.received.length = 0;
      h.emulator.control.shuffle(7);
      for (let i = 0; i < 4; i++) await pay();
      await h.emulator.control.waitForIdle();
      orders.push(first.types());
    }
    expect(orders[0]).toEqual(orders[1]);
    const inOrder = Array.from({ length: 4 }, () => [
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]).flat();
    expect(orders[0]).not.toEqual(inOrder);
    expect([...(orders[0] ?? [])].sort()).toEqual([...inOrder].sort());
  });

  it('when shuffle is asked over HTTP and then turned off, then creation order returns', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${h.emulator.url}/_emulator/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('shuffle', { seed: 3 })).status).toBe(200);
    expect((await post('shuffle', { on: false })).status).toBe(200);
    await pay();
    await h.emulator.control.waitForIdle();
    expect(first.types()).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
  });
});
