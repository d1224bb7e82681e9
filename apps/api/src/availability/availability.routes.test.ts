import request from 'supertest';
import { allDayExcept, availabilityApi, newYorkDate } from '../../test/availability.ts';
import { fetchMenu, itemNamed } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorKey, otherRestaurant } from '../../test/operators.ts';
import { ALL_DAY_HOURS, DEMO_HOURS } from '../menu/demo-menu.ts';

let ctx: TestContext;
let api: ReturnType<typeof availabilityApi>;

beforeAll(async () => {
  ctx = await createTestContext();
  api = availabilityApi(ctx, await operatorKey(ctx));
});
afterAll(() => ctx.close());

describe('GET /api/clients/:slug/availability', () => {
  it('when open all day, then it is open with an ASAP estimate and slots every 15 minutes', async () => {
    await api.putHours(ALL_DAY_HOURS).expect(200);
    const res = await request(ctx.app).get('/api/clients/demo/availability').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=5');
    expect(res.body).toMatchObject({ timezone: 'America/New_York', open_now: true, paused_until: null });
    expect(Date.parse(res.body.asap_ready_at)).toBeGreaterThan(Date.now() + 19 * 60_000);
    const [first, second] = res.body.slots as string[];
    expect(Date.parse(second ?? '') - Date.parse(first ?? '')).toBe(15 * 60_000);
  });

  it('when asked again with its ETag, then the answer is 304', async () => {
    const first = await request(ctx.app).get('/api/clients/demo/availability').expect(200);
    expect(first.headers.etag).toEqual(expect.any(String));
    await request(ctx.app)
      .get('/api/clients/demo/availability')
      .set('If-None-Match', first.headers.etag ?? '')
      .expect((res) => expect([200, 304]).toContain(res.status)); // 200 only if the minute turned
  });

  it('when closed for three days, then it says so and when it next opens', async () => {
    await api.putHours(allDayExcept([newYorkDate(-1), newYorkDate(0), newYorkDate(1)])).expect(200);
    const availability = await api.read();
    expect(availability).toMatchObject({ open_now: false, asap_ready_at: null });
    expect(availability.next_opening).toMatch(/T0[45]:00:00Z$/);
    await api.putHours(ALL_DAY_HOURS).expect(200);
  });

  it('when an item is sold out and ordering paused, then both show', async () => {
    const knots = itemNamed(await fetchMenu(ctx), 'Garlic Knots');
    await api.mark('items', knots.id, false).expect(200);
    await api.pause({ minutes: 15 }).expect(200);
    const availability = await api.read();
    expect(availability.sold_out.items).toContain(knots.id);
    expect(availability.paused_until).toEqual(expect.any(String));
    expect(availability.asap_ready_at).toBeNull();
    await api.mark('items', knots.id, true).expect(200);
    await api.resume().expect(200);
  });

  it('when the restaurant is unknown, then 404', async () => {
    await request(ctx.app).get('/api/clients/nope/availability').expect(404);
  });
});

describe('operator hours, pause and sold-out routes', () => {
  it('when hours are put, then they are read back as stored', async () => {
    await api.putHours(DEMO_HOURS).expect(200);
    const res = await api.hours().expect(200);
    expect(res.body.timezone).toBe('America/New_York');
    expect(res.body.hours.weekly.friday).toEqual([
      { open: '11:30', close: '14:30' },
      { open: '17:00', close: '02:00' },
    ]);
    await api.putHours(ALL_DAY_HOURS).expect(200);
  });

  it.each([
    ['a bad time of day', { hours: { weekly: { monday: [{ open: '25:00', close: '02:00' }] } } }, 422],
    ['an unknown field', { hours: null, extra: 1 }, 400],
  ])('when hours have %s, then they are refused', async (_, body, status) => {
    await request(ctx.app)
      .put('/api/clients/demo/hours')
      .set('Authorization', `Bearer ${await operatorKey(ctx)}`)
      .send(body)
      .expect(status);
  });

  it.each([
    [{ minutes: 3 }, 422],
    [{ minutes: 241 }, 422],
    [{ until: '2000-01-01T00:00:00Z' }, 422],
  ])('when the pause is %j, then it is refused', async (body, status) => {
    await api.pause(body).expect(status);
  });

  it('when no key is given, then 401', async () => {
    await request(ctx.app).post('/api/clients/demo/pause').send({ minutes: 10 }).expect(401);
  });

  it("when another restaurant's operator marks a demo item, then 404 and nothing changes", async () => {
    const knots = itemNamed(await fetchMenu(ctx), 'Garlic Knots');
    const other = availabilityApi(ctx, await otherRestaurant(ctx), 'other');
    await other.mark('items', knots.id, false).expect(404);
    await other.mark('options', 'not-a-uuid', false).expect(404);
    expect((await api.read()).sold_out.items).not.toContain(knots.id);
  });
});
