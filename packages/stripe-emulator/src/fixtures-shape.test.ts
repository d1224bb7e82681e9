import { readFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { type Harness, startHarness } from './testing/harness.ts';

const fixturesPath = new URL('./testing/stripe-fixtures.json', import.meta.url);
const fixtures = JSON.parse(readFileSync(fixturesPath, 'utf8')) as {
  resources: Record<string, Record<string, unknown>>;
};

/**
 * Keys the SDK v23 types require that fixtures3.json (an older OpenAPI snapshot) lacks.
 * They are emitted because `satisfies Stripe.X` demands them; nothing else may be extra.
 */
const NEWER_THAN_FIXTURES: Record<string, string[]> = {
  payment_intent: ['allowed_payment_method_types', 'payment_record'],
  charge: [],
  refund: [],
  event: [],
  dispute: ['intended_submission_method'],
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Same keys; same JSON type where both sides are non-null (null in either = nullable field). */
function shapeDiff(actual: unknown, expected: unknown, path: string, exactKeys: string[] | null): string[] {
  const at = jsonType(actual);
  const et = jsonType(expected);
  if (at === 'null' || et === 'null') return [];
  if (at !== et) return [`${path}: ${at} but fixture has ${et}`];
  if (at !== 'object') return [];
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const diffs: string[] = [];
  for (const key of Object.keys(e)) {
    if (!(key in a)) diffs.push(`${path}.${key}: missing`);
    else diffs.push(...shapeDiff(a[key], e[key], `${path}.${key}`, null));
  }
  if (exactKeys) {
    for (const key of Object.keys(a))
      if (!(key in e) && !exactKeys.includes(key)) diffs.push(`${path}.${key}: not in fixture`);
  }
  return diffs;
}

const strip = (o: { lastResponse?: unknown }) => {
  const { lastResponse, ...json } = o;
  return json;
};

function expectFixtureShape(name: string, object: unknown): void {
  const diffs = shapeDiff(object, fixtures.resources[name], name, NEWER_THAN_FIXTURES[name] ?? []);
  expect(diffs.filter((d) => !d.startsWith('event.data.object'))).toEqual([]);
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());

describe('object shapes match fixtures3.json', () => {
  it('when a key is missing, extra or of another JSON type, then the comparison reports it', () => {
    expect(shapeDiff({ a: 1, b: 'x', c: true }, { a: 's', b: 'y', d: null }, 'o', [])).toEqual([
      'o.a: number but fixture has string',
      'o.d: missing',
      'o.c: not in fixture',
    ]);
  });

  it('when a payment is made, refunded and disputed, then payment_intent, charge, refund, event and dispute have the fixture key sets and JSON types', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    const refund = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
    await h.emulator.control.settleRefunds();
    const [event] = (await h.stripe.events.list({ limit: 1 })).data;
    const disputed = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_createDispute',
    });
    await h.emulator.control.settleRefunds();
    const [disputeEvent] = (await h.stripe.events.list({ type: 'charge.dispute.created' })).data;
    const dispute = await h.stripe.disputes.retrieve(
      (disputeEvent?.data.object as Stripe.Dispute | undefined)?.id ?? '',
    );
    expect(dispute.charge).toBe(disputed.latest_charge);
    const objects: Record<string, unknown> = {
      payment_intent: strip(pi as Stripe.Response<Stripe.PaymentIntent>),
      charge: strip(charge),
      refund: strip(refund),
      event: strip(event as Stripe.Event & { lastResponse?: unknown }),
      dispute: strip(dispute),
    };
    for (const [name, object] of Object.entries(objects)) expectFixtureShape(name, object);
  });

  it('when a payment is authorized, captured in part and another expires, then every object keeps the fixture shape', async () => {
    const held = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const uncaptured = await h.stripe.charges.retrieve(String(held.latest_charge));
    expect(typeof uncaptured.payment_method_details?.card?.capture_before).toBe('number');
    const captured = await h.stripe.paymentIntents.capture(held.id, { amount_to_capture: 400 });
    const capturedCharge = await h.stripe.charges.retrieve(String(held.latest_charge));
    const other = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    h.emulator.control.expireAuthorization(other.id);
    const [expiredEvent] = (await h.stripe.events.list({ type: 'charge.expired' })).data;
    expectFixtureShape('payment_intent', strip(held));
    expectFixtureShape('payment_intent', strip(captured));
    expectFixtureShape('payment_intent', strip(await h.stripe.paymentIntents.retrieve(other.id)));
    expectFixtureShape('charge', strip(uncaptured));
    expectFixtureShape('charge', strip(capturedCharge));
    expectFixtureShape('event', strip(expiredEvent as Stripe.Event & { lastResponse?: unknown }));
  });
});
