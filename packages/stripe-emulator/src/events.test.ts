import { type Harness, startHarness } from './testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

describe('GET /v1/events', () => {
  it('when payments happen, then events can be listed newest first, filtered and paged to replay what was missed', async () => {
    const pi = await h.stripe.paymentIntents.create(
      { amount: 1000, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' },
      { idempotencyKey: 'evt-test' },
    );
    await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const all = await h.stripe.events.list({ limit: 100 });
    expect(all.data.map((e) => e.type)).toEqual([
      'payment_intent.created',
      'payment_intent.succeeded',
      'charge.succeeded',
      'payment_intent.created',
    ]);
    const succeeded = all.data[1];
    expect(succeeded).toMatchObject({
      object: 'event',
      livemode: false,
      api_version: expect.any(String),
      request: { id: expect.stringMatching(/^req_/), idempotency_key: 'evt-test' },
      data: { object: { id: pi.id, status: 'succeeded' } },
    });
    const filtered = await h.stripe.events.list({ type: 'payment_intent.created' });
    expect(filtered.data).toHaveLength(2);
    const wildcard = await h.stripe.events.list({ type: 'charge.*' });
    expect(wildcard.data.map((e) => e.type)).toEqual(['charge.succeeded']);
    const page = await h.stripe.events.list({ limit: 2, starting_after: all.data[1]?.id });
    expect(page.data.map((e) => e.id)).toEqual([all.data[2]?.id, all.data[3]?.id]);
    expect(page.has_more).toBe(false);
    const created = all.data[0]?.created ?? 0;
    expect((await h.stripe.events.list({ created: { gte: created } })).data.length).toBe(4);
    expect((await h.stripe.events.list({ created: { gt: created } })).data.length).toBe(0);
    const one = await h.stripe.events.retrieve(succeeded?.id ?? '');
    expect(one.id).toBe(succeeded?.id);
  });

  it('when an event is created, then data.object is a snapshot of that moment', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    await h.stripe.paymentIntents.cancel(pi.id);
    const events = await h.stripe.events.list();
    const created = events.data.find((e) => e.type === 'payment_intent.created');
    const canceled = events.data.find((e) => e.type === 'payment_intent.canceled');
    expect(created?.data.object).toMatchObject({ status: 'requires_payment_method' });
    expect(canceled?.data.object).toMatchObject({ status: 'canceled' });
  });
});
