import { Menu } from '@repo/contracts';
import request from 'supertest';
import { createTestContext, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { CORS_ORIGINS: 'https://demo.example' } });
});
afterAll(() => ctx.close());

describe('platform HTTP behaviour', () => {
  it('when GET /healthz, then the process answers ok', async () => {
    await request(ctx.app).get('/healthz').expect(200, { status: 'ok' });
  });

  it('when GET /readyz with a migrated database, then it is ready', async () => {
    await request(ctx.app).get('/readyz').expect(200, { status: 'ready', database: 'ok', rate_limits: 'ok' });
  });

  it('when a route does not exist, then it answers a 404 problem', async () => {
    const res = await request(ctx.app).get('/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/not-found', status: 404, instance: '/nope' });
  });

  it('when a request id is sent, then it is echoed; otherwise one is generated', async () => {
    const given = await request(ctx.app).get('/healthz').set('X-Request-Id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await request(ctx.app).get('/healthz').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await request(ctx.app).get('/nope').set('X-Request-Id', 'req-9').expect(404);
    expect(problem.body.request_id).toBe('req-9');
  });

  it('when any response goes out, then helmet security headers are set', async () => {
    const res = await request(ctx.app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when a browser from a configured origin asks, then CORS allows it; other origins get no grant', async () => {
    const allowed = await request(ctx.app)
      .options('/api/clients/demo/orders')
      .set('Origin', 'https://demo.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,idempotency-key');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://demo.example');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
    const denied = await request(ctx.app).get('/api/clients/demo/menu').set('Origin', 'https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when the OpenAPI document is requested, then it is generated from the contracts', async () => {
    const res = await request(ctx.app).get('/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/clients/{slug}/orders', '/payments/webhooks/stripe']),
    );
    expect(res.body.components.schemas.CreateOrderResponse.required).toEqual(
      expect.arrayContaining(['client_secret', 'order_token']),
    );
    const docs = await request(ctx.app).get('/docs').expect(200);
    expect(docs.text).toContain('/api/clients/{slug}/menu');
  });

  it('when the menu is requested, then prices, groups and the test-mode key come from our data', async () => {
    const res = await request(ctx.app).get('/api/clients/demo/menu').expect(200);
    expect(res.body).toMatchObject({
      currency: 'usd',
      tax_rate: 0.08875,
      prep_time_minutes: 20,
      stripe: { livemode: false },
    });
    expect(res.body.stripe.publishable_key).toMatch(/^pk_test_/);
    const items = res.body.categories.flatMap((c: { items: unknown[] }) => c.items);
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(res.body.categories.length).toBeGreaterThanOrEqual(3);
    expect(Menu.strict().safeParse(res.body).success).toBe(true);
    expect(Object.keys(res.body.categories[0]).sort()).toEqual(['description', 'id', 'items', 'name']);
    await request(ctx.app).get('/api/clients/unknown/menu').expect(404);
  });
});
