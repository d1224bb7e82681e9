import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import request from 'supertest';
import { newKey } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { eventually } from '../../test/operators.ts';
import { type TcpProxy, tcpProxy } from '../../test/tcp-proxy.ts';
import { createApp } from '../app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openRateLimits, type RateLimits } from './rate-limit.ts';

let ctx: TestContext;
let redis: TcpProxy;
const opened: RateLimits[] = [];
beforeAll(async () => {
  ctx = await createTestContext();
  redis = await tcpProxy({ host: '127.0.0.1', port: 6379 });
});
afterAll(async () => {
  await Promise.all(opened.map((limits) => limits.close()));
  await redis.cut();
  await ctx.close();
});

/** An API process whose REDIS_URL reaches Redis only through the proxy, with its log captured. */
async function apiProcess(prefix: string, redisPort = redis.port) {
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    RATE_LIMIT_ORDERS_PER_IP: '3',
  });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ NODE_ENV: 'test', LOG_LEVEL: 'info' }, sink);
  const startedAt = Date.now();
  const limits = await Promise.race([
    openRateLimits(config, logger, prefix),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('start-up waited for Redis')), 3000)),
  ]);
  opened.push(limits);
  const app = createApp({ config, db: ctx.db, logger, payments: ctx.payments, rateLimits: limits });
  const order = () => request(app).post('/api/clients/demo/orders').set('Idempotency-Key', newKey()).send({});
  const readiness = async () => (await request(app).get('/readyz')).body as Record<string, string>;
  return { startedAt, limits, order, readiness, log: () => lines.join('') };
}

describe('rate limits while Redis is unreachable', () => {
  it('when Redis is down at start, then the API starts at once with per-process limits, says so, and shares them once Redis is back', async () => {
    const prefix = `rl-outage-${randomBytes(6).toString('hex')}`;
    const api = await apiProcess(prefix);
    expect(Date.now() - api.startedAt).toBeLessThan(1000);

    expect(await api.readiness()).toEqual({ status: 'ready', database: 'ok', rate_limits: 'degraded' });
    await eventually(async () => api.log().includes('per process until Redis is back'), 'the degraded log');
    // Limits still hold, counted in this process.
    for (let i = 0; i < 3; i += 1) await api.order().expect(422);
    await api.order().expect(429);

    await redis.open();
    await eventually(async () => (await api.readiness()).rate_limits === 'ok', 'the reconnection');
    expect(api.log()).toMatch(/shared through Redis/);
    // Shared again: a second process counts against the same limit.
    const other = await apiProcess(prefix, 6379);
    await eventually(async () => (await other.readiness()).rate_limits === 'ok', 'the second process');
    for (let i = 0; i < 3; i += 1) await api.order().expect(422);
    await other.order().expect(429);

    await redis.cut();
    await eventually(async () => (await api.readiness()).rate_limits === 'degraded', 'the second outage');
    // The per-process count carried on: this process has seen 7 orders in the window.
    await api.order().expect(429);
  });
});
