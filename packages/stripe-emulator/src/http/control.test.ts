import { type Harness, startHarness, WebhookReceiver } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());

const control = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
  const response = await fetch(`${h.emulator.url}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

describe('/_emulator control routes', () => {
  it('when driven over HTTP, then hold/release/deliveries/reset behave like the in-process control', async () => {
    const receiver = new WebhookReceiver('whsec_http');
    try {
      await control('POST', '/webhook-endpoints', { url: await receiver.start(), secret: 'whsec_http' });
      await control('POST', '/hold', { on: true });
      await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
      const held = await control('GET', '/deliveries');
      expect(held.json.data).toEqual([
        expect.objectContaining({ status: 'held', type: 'payment_intent.created', attempt: 0 }),
      ]);
      await control('POST', '/release', {});
      expect(receiver.types()).toEqual(['payment_intent.created']);
      const [event] = (await control('GET', '/events')).json.data as { id: string }[];
      await control('POST', `/resend/${event?.id}`);
      await control('POST', '/wait-for-idle');
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      await control('POST', '/fail-requests', { status: 429, count: 1 });
      await expect(h.stripe.paymentIntents.list()).rejects.toMatchObject({ statusCode: 429 });
      await control('POST', '/reset');
      expect((await control('GET', '/deliveries')).json.data).toEqual([]);
      expect((await h.stripe.paymentIntents.list()).data).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('when a browser on a localhost origin preflights, then CORS allows it', async () => {
    const response = await fetch(`${h.emulator.url}/v1/payment_intents/pi_x/confirm`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4321',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,stripe-version',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,stripe-version');
  });

  it('when stripe.js is requested, then a classic script defining window.Stripe is served at both paths', async () => {
    for (const path of ['/v3/stripe.js', '/js/stripe.js']) {
      const response = await fetch(`${h.emulator.url}${path}`);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      const source = await response.text();
      expect(source).toMatch(/\.Stripe = Object\.assign\(StripeFactory\b/);
      expect(source).not.toMatch(/^\s*(import|export)\s/m);
      expect(() => new Function(source)).not.toThrow();
    }
  });
});
