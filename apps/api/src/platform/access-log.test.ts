import { Writable } from 'node:stream';
import request from 'supertest';
import { appWith, createTestContext, type TestContext } from '../../test/harness.ts';
import { routesOf } from '../../test/routes.ts';
import { createLogger } from './logger.ts';

let ctx: TestContext;
let captured: ReturnType<typeof capturedProductionApp>;
beforeAll(async () => {
  ctx = await createTestContext();
  captured = capturedProductionApp();
});
afterAll(() => ctx.close());

/** Every kind of secret the API mints or receives, as a client might put it in a URL. */
const secrets = {
  'a Stripe secret key': 'sk_live_51HabcdefGHIJKLmnop0123',
  'a Stripe restricted key': 'rk_live_51HabcdefGHIJKLmnop0123',
  'an operator API key': 'rk_3f9a1c2b_Q2xpZW50U2VjcmV0VmFsdWUwMDAx',
  'a webhook signing secret': 'whsec_c2lnbmluZ1NlY3JldFZhbHVlMDAx',
  'an order token': 'ot_T3JkZXJUb2tlblZhbHVlMDAwMDAwMDAwMDAw',
  "a PaymentIntent's client secret": 'pi_3NkL8vQ2eZvKYlo2_secret_aBcDeFgHiJkLmNoP',
  'a card number': '4242424242424242',
  'a spaced card number': '4000 0566 5566 5556',
  'an email address': 'ada.lovelace@example.com',
} as const;

function capturedProductionApp() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'info' }, sink);
  return { app: appWith(ctx, { logger }), log: () => lines.join('') };
}

/** The ways a secret can be read back out of a log line. */
const spellings = (secret: string) => [
  secret,
  encodeURIComponent(secret),
  secret.replaceAll(' ', ''),
  secret.replace('@', '%40'),
];

const everyRoute = () => [...routesOf(captured.app), { method: 'get', path: '/no/such/route/:anything' }];

describe('the access log', () => {
  it('when routes are listed, then every one the API serves is covered', () => {
    expect(everyRoute().map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([
        'post /payments/webhooks/stripe',
        'get /readyz',
        'post /api/clients/:slug/orders',
      ]),
    );
  });

  it.each(Object.entries(secrets))(
    'when %s is sent in every route and its query string, then the log never shows it',
    async (_name, secret) => {
      const value = encodeURIComponent(secret);
      const { app, log } = captured;
      for (const route of everyRoute()) {
        const path = route.path.replaceAll(/:[A-Za-z]+/g, value);
        const url = `${path}?api_key=${value}&token=${value}&email=${value}&${value}`;
        const call = request(app)[route.method as 'get' | 'post'](url);
        await call.set('Content-Type', 'application/json').send('{}');
      }
      const out = log();
      expect(out).toMatch(/"url":"\/api\/clients\/[^"]*\?api_key&token&email/);
      for (const spelling of spellings(secret)) expect(out).not.toContain(spelling);
    },
  );
});
