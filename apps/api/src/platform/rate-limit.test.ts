import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { newKey } from '../../test/fixtures.ts';
import { createTestContext, rowCount, type TestContext } from '../../test/harness.ts';
import { eventually, operatorApi, operatorKey } from '../../test/operators.ts';
import { createApp } from '../app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openRateLimits } from './rate-limit.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    env: { RATE_LIMIT_ORDERS_PER_IP: '2', RATE_LIMIT_OPERATOR_PER_KEY: '3', RATE_LIMIT_OPERATOR_PER_IP: '5' },
  });
});
afterAll(() => ctx.close());

const countOrders = () => rowCount(ctx.db, 'orders');

function expectRateLimited(res: request.Response) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ type: '/problems/rate-limited', status: 429 });
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe('rate limits', () => {
  it('when a client creates orders past the per-IP limit, then 429 problem with Retry-After and nothing is written', async () => {
    const post = () =>
      request(ctx.app).post('/api/clients/demo/orders').set('Idempotency-Key', newKey()).send({});
    await post().expect(422);
    await post().expect(422);
    const before = await countOrders();
    expectRateLimited(await post());
    expect(await countOrders()).toBe(before);
  });

  it('when one key passes its limit, then it gets 429 while another key works until the IP limit', async () => {
    const first = operatorApi(ctx, await operatorKey(ctx));
    const second = operatorApi(ctx, await operatorKey(ctx));
    for (let i = 0; i < 3; i += 1) await first.list().expect(200);
    expectRateLimited(await first.list());
    await second.list().expect(200);
    expectRateLimited(await second.list());
    expectRateLimited(await operatorApi(ctx, null).list());
  });
});

describe('rate limits shared through Redis', () => {
  it('when two API processes share REDIS_URL, then requests to both count against one limit', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_ORDERS_PER_IP: '3',
    });
    const logger = createLogger(config);
    const prefix = `rl-test-${randomBytes(6).toString('hex')}`;
    const [limitsA, limitsB] = [
      openRateLimits(config, logger, prefix),
      openRateLimits(config, logger, prefix),
    ];
    try {
      // Until Redis answers, each process counts on its own.
      await eventually(async () => limitsA.state() === 'ok' && limitsB.state() === 'ok', 'Redis');
      const deps = { config, db: ctx.db, logger, payments: ctx.payments };
      const apps = [createApp({ ...deps, rateLimits: limitsA }), createApp({ ...deps, rateLimits: limitsB })];
      const post = (i: number) =>
        request(apps[i % 2]!)
          .post('/api/clients/demo/orders')
          .set('Idempotency-Key', newKey())
          .send({});
      for (let i = 0; i < 3; i += 1) await post(i).expect(422);
      expectRateLimited(await post(3));
      expectRateLimited(await post(4));
    } finally {
      await Promise.all([limitsA.close(), limitsB.close()]);
    }
  });
});
