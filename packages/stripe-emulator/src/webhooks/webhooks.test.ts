import { type Harness, startHarness, WebhookReceiver } from '../testing/harness.ts';

const SECRET = 'whsec_test_receiver';
let h: Harness;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = new WebhookReceiver(SECRET);
  const url = await receiver.start();
  h = await startHarness({ webhooks: [{ url, secret: SECRET }] });
});
afterAll(async () => {
  await h.emulator.close();
  await receiver.close();
});
beforeEach(() => {
  h.emulator.control.reset();
  h.emulator.control.setWebhookSecrets(receiver.url, [SECRET]);
  receiver.received.length = 0;
  receiver.secret = SECRET;
  receiver.respond = () => 200;
});

async function pay(pm = 'pm_card_visa') {
  return h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', confirm: true, payment_method: pm });
}

describe('webhook delivery', () => {
  it('when a payment succeeds, then signed events arrive that constructEvent accepts', async () => {
    const pi = await pay();
    await h.emulator.control.waitForIdle();
    expect(receiver.types()).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const succeeded = receiver.received[2]?.event;
    expect(succeeded?.data.object).toMatchObject({ id: pi.id, status: 'succeeded' });
    expect(succeeded?.request?.idempotency_key).toEqual(expect.any(String));
    expect(h.emulator.control.deliveries().every((d) => d.status === 'delivered' && d.attempt === 1)).toBe(
      true,
    );
  });

  it('when the receiver answers 500 first, then the delivery is retried until it succeeds', async () => {
    receiver.respond = (n) => (n === 1 ? 500 : 200);
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    const [delivery] = h.emulator.control.deliveries();
    expect(delivery).toMatchObject({ status: 'delivered', attempt: 2, responseStatus: 200 });
    expect(receiver.types()).toEqual(['payment_intent.created', 'payment_intent.created']);
  });

  it('when the receiver always fails, then the delivery ends failed after the schedule', async () => {
    receiver.respond = () => 503;
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    expect(h.emulator.control.deliveries()[0]).toMatchObject({
      status: 'failed',
      attempt: 4,
      responseStatus: 503,
    });
  });

  it('when secrets rotate, then each delivery carries both v1 signatures and verifies with either', async () => {
    h.emulator.control.setWebhookSecrets(receiver.url, ['whsec_old', 'whsec_new']);
    receiver.secret = 'whsec_new';
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    receiver.secret = 'whsec_old';
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received[0]?.signature.match(/v1=/g)).toHaveLength(2);
  });

  it('when duplicate(2) is on, then each event arrives twice with the same id', async () => {
    h.emulator.control.duplicate(2);
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    const ids = receiver.received.map((r) => r.event?.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('when reorder is on, then the events of one request arrive newest first', async () => {
    h.emulator.control.reorder(true);
    await pay();
    await h.emulator.control.waitForIdle();
    expect(receiver.types()).toEqual([
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.created',
    ]);
  });

  it('when held, then nothing is sent until released, and dropped ones never are', async () => {
    h.emulator.control.hold(true);
    await pay();
    await h.emulator.control.waitForIdle();
    expect(receiver.received).toHaveLength(0);
    expect(h.emulator.control.deliveries().map((d) => d.status)).toEqual(['held', 'held', 'held']);
    h.emulator.control.drop({ type: 'payment_intent.created' });
    await h.emulator.control.release({ type: 'payment_intent.succeeded' });
    expect(receiver.types()).toEqual(['payment_intent.succeeded']);
    await h.emulator.control.release();
    expect(receiver.types()).toEqual(['payment_intent.succeeded', 'charge.succeeded']);
    expect(h.emulator.control.deliveries().map((d) => d.status)).toEqual([
      'dropped',
      'delivered',
      'delivered',
    ]);
  });

  it('when an event is resent, then it is delivered again and can be listed via the API', async () => {
    await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    await h.emulator.control.waitForIdle();
    const [event] = h.emulator.control.events();
    await h.emulator.control.resend(event?.id ?? '');
    expect(receiver.received.map((r) => r.event?.id)).toEqual([event?.id, event?.id]);
  });

  it('when the receiver does not answer within webhookTimeoutMs, then the delivery is retried', async () => {
    const slow = await startHarness({
      webhooks: [{ url: receiver.url, secret: SECRET }],
      webhookTimeoutMs: 100,
    });
    try {
      receiver.respond = (n) => (n === 1 ? 0 : 200);
      await slow.stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
      await slow.emulator.control.waitForIdle();
      expect(slow.emulator.control.deliveries()[0]).toMatchObject({ status: 'delivered', attempt: 2 });
    } finally {
      await slow.emulator.close();
    }
  });
});
