import request from 'supertest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorApi, operatorKey, otherRestaurant, paidOrder, refundRows } from '../../test/operators.ts';
import { orderRow, type PlacedOrder } from '../../test/webhooks.ts';
import { revokeOperatorKey } from './api-keys.service.ts';

let ctx: TestContext;
let order: PlacedOrder;
let demoKey: string;
let otherKey: string;
let revokedKey: string;
beforeAll(async () => {
  ctx = await createTestContext();
  demoKey = await operatorKey(ctx);
  otherKey = await otherRestaurant(ctx);
  revokedKey = await operatorKey(ctx, 'demo', 'revoked');
  await revokeOperatorKey(ctx.db, revokedKey.split('_').slice(0, 2).join('_'));
  order = await paidOrder(ctx);
});
afterAll(() => ctx.close());

type Api = ReturnType<typeof operatorApi>;
const routes: [string, (api: Api) => request.Test][] = [
  ['GET orders', (api) => api.list()],
  ['GET order', (api) => api.get(order.orderId)],
  ['POST refunds', (api) => api.refund(order.orderId, { amount: 100, reason: 'requested_by_customer' })],
  ['POST cancel', (api) => api.cancel(order.orderId, { reason: 'test' })],
];

const wrongSecret = () => `${demoKey.slice(0, demoKey.lastIndexOf('_'))}_${'x'.repeat(32)}`;
const unauthorized: [string, () => string | null][] = [
  ['no key', () => null],
  ['a malformed key', () => 'not-a-key'],
  ['an unknown key', () => `rk_00000000_${'a'.repeat(32)}`],
  ['a known prefix with the wrong secret', wrongSecret],
  ['a revoked key', () => revokedKey],
];

async function expectUntouched() {
  expect(await refundRows(ctx, order.orderId)).toEqual([]);
  expect(await orderRow(ctx, order.orderId)).toMatchObject({
    status: 'confirmed',
    payment_status: 'succeeded',
  });
}

describe('operator routes: authentication and tenancy', () => {
  describe.each(routes)('%s', (_name, call) => {
    it.each(unauthorized)(
      'when called with %s, then 401 problem with WWW-Authenticate: Bearer',
      async (what, key) => {
        if (_name === 'GET order' && what === 'no key') {
          // Without Authorization this URL is the diner's, which needs the order token: 404, no data.
          const diner = await call(operatorApi(ctx, null)).expect(404);
          expect(diner.body).not.toHaveProperty('customer');
          return;
        }
        const res = await call(operatorApi(ctx, key())).expect(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body).toMatchObject({ type: '/problems/unauthorized', status: 401 });
        await expectUntouched();
      },
    );

    it("when another restaurant's key is used on this restaurant, then 404 and no data", async () => {
      const res = await call(operatorApi(ctx, otherKey, 'demo')).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('Ada');
      await expectUntouched();
    });

    it("when another restaurant's key is used on its own slug with this restaurant's order, then 404", async () => {
      const res = await call(operatorApi(ctx, otherKey, 'other'));
      if (_name === 'GET orders') {
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual([]);
      } else {
        expect(res.status).toBe(404);
      }
      await expectUntouched();
    });
  });

  it('when the slug does not exist, then 404 even with a valid key', async () => {
    await operatorApi(ctx, demoKey, 'nope').list().expect(404);
  });

  it('when a key is used, then last_used_at is recorded, and the diner view still works without a key', async () => {
    const prefix = demoKey.split('_').slice(0, 2).join('_');
    await operatorApi(ctx, demoKey).get(order.orderId).expect(200);
    const row = await ctx.db
      .selectFrom('api_keys')
      .selectAll()
      .where('prefix', '=', prefix)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).toBeInstanceOf(Date);
    expect(row.secret_hash).not.toContain(demoKey.slice(-32));
    const diner = await request(ctx.app)
      .get(`/api/clients/demo/orders/${order.orderId}`)
      .set('X-Order-Token', order.token)
      .expect(200);
    expect(diner.body.customer).toEqual({ first_name: 'Ada', email: 'ada@example.com' });
  });
});
