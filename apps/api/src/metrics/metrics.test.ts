import request from 'supertest';
import { closeAll } from '../../test/close-all.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { jobEnded, jobTestEnv, startRunner } from '../../test/jobs.ts';
import { operatorApi, operatorKey, paidOrder } from '../../test/operators.ts';
import { deliver, placeMismatchedPaidOrder, succeeded } from '../../test/webhooks.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { createLogger } from '../platform/logger.ts';
import { type MetricsServer, startMetricsServer } from './metrics-server.ts';

let ctx: TestContext;
let runner: JobRunner;
let metrics: MetricsServer;
beforeAll(async () => {
  // No retries: a failing job goes to the dead letter at its first failure.
  ctx = await createTestContext({ env: jobTestEnv({ JOB_RETRY_LIMIT: '0' }) });
  runner = await startRunner(ctx);
  metrics = await startMetricsServer({
    port: 0,
    host: '127.0.0.1',
    logger: createLogger(ctx.config),
    pool: ctx.database.pool,
  });
});
afterAll(() =>
  closeAll(
    () => runner?.stop({ graceful: false }),
    () => metrics?.close(),
    () => ctx?.close(),
  ),
);

type Scrape = (name: string, labels?: Record<string, string>) => number;

/** Reads /metrics; the returned function sums the samples of `name` whose labels include `labels`. */
async function scrape(): Promise<Scrape> {
  const res = await fetch(metrics.url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const lines = (await res.text()).split('\n').filter((line) => line && !line.startsWith('#'));
  return (name, labels = {}) =>
    lines
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('GET /metrics', () => {
  it('when an order is paid, refunded and its POS hand-off dies, then a scrape shows each counter moved', async () => {
    // A POS that refuses connections: the hand-off fails once and is dead-lettered.
    await ctx.db
      .updateTable('restaurants')
      .set({ pos_endpoint_url: 'http://127.0.0.1:9/orders', pos_signing_secret: 'pos_secret_metrics_0001' })
      .where('id', '=', ctx.restaurant.id)
      .execute();
    const before = await scrape();

    const order = await paidOrder(ctx);
    const api = operatorApi(ctx, await operatorKey(ctx));
    await api.refund(order.orderId, { amount: 100, reason: 'requested_by_customer' }).expect(201);
    await deliver(ctx, await succeeded(ctx, order)).expect(200);
    await deliver(ctx, { id: 'evt_forged' }, { secret: 'whsec_not_ours' }).expect(400);
    const flagged = await placeMismatchedPaidOrder(ctx);
    await request(ctx.app)
      .get(`/api/clients/demo/orders/${flagged.orderId}`)
      .set('X-Order-Token', flagged.token)
      .expect(200);
    expect((await jobEnded(ctx, order.orderId, 'pos_handoff')).status).toBe('dead');

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      after(name, labels) - before(name, labels);
    const placing = { method: 'POST', route: '/api/clients/:slug/orders', status: '201' };
    expect(moved('http_request_duration_seconds_count', placing)).toBe(2);
    expect(moved('http_request_duration_seconds_count', { route: '/payments/webhooks/stripe' })).toBe(2);
    expect(moved('orders_placed_total')).toBe(2);
    expect(moved('payments_total', { outcome: 'succeeded' })).toBe(1);
    expect(moved('payments_total', { outcome: 'needs_review' })).toBe(1);
    expect(moved('orders_flagged_for_review_total')).toBe(1);
    expect(moved('refunds_total', { status: 'pending' })).toBe(1);
    expect(moved('webhook_events_total', { type: 'payment_intent.succeeded', outcome: 'ignored' })).toBe(1);
    expect(moved('webhook_events_total', { type: 'unverified', outcome: 'rejected' })).toBe(1);
    expect(moved('webhook_event_lag_seconds_count')).toBe(1);
    expect(moved('jobs_queued_total', { kind: 'pos_handoff' })).toBe(1);
    expect(moved('jobs_failed_total', { kind: 'pos_handoff' })).toBe(1);
    expect(moved('jobs_dead_lettered_total', { kind: 'pos_handoff' })).toBe(1);
    expect(after('process_start_time_seconds')).toBeGreaterThan(0);
    if (ctx.database.pool) expect(after('db_pool_clients')).toBeGreaterThan(0);
  });

  it('when the public API port is asked for /metrics, then it answers 404: the numbers stay private', async () => {
    await request(ctx.app).get('/metrics').expect(404);
    expect((await fetch(metrics.url.replace('/metrics', '/'))).status).toBe(404);
  });
});
