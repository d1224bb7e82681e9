import request from 'supertest';
import { appWith, createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorApi, operatorKey } from '../../test/operators.ts';
import {
  addStaff,
  HOUR,
  MINUTE,
  sessionCookieOf,
  signIn,
  type TestStaff,
  testClock,
} from '../../test/staff.ts';
import { createApp } from '../app.ts';
import { createLogger } from '../platform/logger.ts';
import { hashSessionToken } from './session-token.ts';

const clock = testClock();
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    now: clock.now,
    env: { RATE_LIMIT_SIGN_IN_PER_EMAIL: '4', RATE_LIMIT_SIGN_IN_PER_IP: '8' },
  });
});
afterAll(() => ctx.close());

const sessionRows = (staffId: string) =>
  ctx.db.selectFrom('staff_sessions').selectAll().where('staff_id', '=', staffId).execute();

/** The problem body without what differs between any two requests. */
const problemOf = (res: request.Response) => {
  const { instance: _i, request_id: _r, ...rest } = res.body;
  return rest;
};

describe('POST /api/session', () => {
  it('when a member signs in, then the cookie is HttpOnly, SameSite=Strict on /api, and only the token hash is stored', async () => {
    const member = await addStaff(ctx, 'manager');
    const res = await request(ctx.app)
      .post('/api/session')
      .send({ email: member.email.toUpperCase(), password: member.password })
      .expect(200);
    expect(res.body).toEqual({
      staff: {
        id: member.id,
        email: member.email,
        name: expect.stringMatching(/^Manager \d+$/),
        role: 'manager',
        restaurant: { slug: 'demo', name: ctx.restaurant.name },
      },
      csrf_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      must_change_password: false,
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^rc_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toMatch(/; Path=\/api/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(res.headers['cache-control']).toBe('no-store');
    const token = sessionCookieOf(res)!.slice('rc_session='.length);
    const [row] = await sessionRows(member.id);
    expect(row?.token_hash).toBe(hashSessionToken(token));
    expect(JSON.stringify(await sessionRows(member.id))).not.toContain(token);
  });

  it('when the API runs in production, then the cookie is also Secure', async () => {
    const member = await addStaff(ctx, 'staff');
    const production = createApp({
      config: { ...ctx.config, NODE_ENV: 'production' },
      db: ctx.db,
      logger: createLogger(ctx.config),
      payments: ctx.payments,
    });
    const res = await request(production)
      .post('/api/session')
      .send({ email: member.email, password: member.password })
      .expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('when the email is unknown, the password wrong or the member disabled, then the same 401 invalid-credentials, and no cookie', async () => {
    const member = await addStaff(ctx, 'staff');
    const disabled = await addStaff(ctx, 'staff');
    await ctx.db
      .updateTable('staff')
      .set({ disabled_at: new Date() })
      .where('id', '=', disabled.id)
      .execute();
    const app = appWith(ctx, { now: clock.now });
    const attempts = [
      { email: 'nobody@demo.example', password: member.password },
      { email: member.email, password: `${member.password}x` },
      { email: disabled.email, password: disabled.password },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const res = await request(app).post('/api/session').send(attempt).expect(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      answers.push(problemOf(res));
    }
    expect(answers[0]).toEqual({
      type: '/problems/invalid-credentials',
      title: 'Invalid email or password',
      status: 401,
      detail: 'The email or the password is not right.',
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('when the email is unknown, then the answer takes about as long as for a wrong password (a hash is verified either way)', async () => {
    const member = await addStaff(ctx, 'staff');
    // Apart apps, so the attempts stay under the limits; alternated, so the machine's load hits both alike.
    const unknownApp = appWith(ctx, { now: clock.now });
    const wrongApp = appWith(ctx, { now: clock.now });
    const timed = async (app: ReturnType<typeof appWith>, email: string) => {
      const started = performance.now();
      await request(app).post('/api/session').send({ email, password: 'not the password' }).expect(401);
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      unknown.push(await timed(unknownApp, 'nobody-at-all@demo.example'));
      wrong.push(await timed(wrongApp, member.email));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length / 2] ?? 0;
    // Without the stand-in hash an unknown email answers in a few ms, a tenth of a verification.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
  });

  it('when a password is wrong too often for one email, then 429 with Retry-After, even with the right password; the IP limit stops other emails too', async () => {
    const member = await addStaff(ctx, 'staff');
    const other = await addStaff(ctx, 'staff');
    const app = appWith(ctx, { now: clock.now });
    const attempt = (who: TestStaff, password: string) =>
      request(app).post('/api/session').send({ email: who.email, password });
    // Sign-ins that succeed are not counted.
    for (let i = 0; i < 4; i += 1) await attempt(member, member.password).expect(200);
    for (let i = 0; i < 4; i += 1) await attempt(member, 'wrong password').expect(401);
    const limited = await attempt(member, member.password).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.type).toBe('/problems/rate-limited');
    // The same IP has 5 refusals counted; three more on another email reach its limit of 8.
    for (let i = 0; i < 3; i += 1) await attempt(other, 'wrong password').expect(401);
    await attempt(other, other.password).expect(429);
  });

  it('when the body is not an email and a password, then 422 naming the fields', async () => {
    const res = await request(ctx.app).post('/api/session').send({ email: '' }).expect(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password']);
  });
});

describe('GET /api/session and expiry', () => {
  it('when signed in, then it answers the same session with the CSRF token; without a cookie, 401', async () => {
    const member = await addStaff(ctx, 'staff');
    const signed = await signIn(ctx.app, member);
    const res = await request(ctx.app).get('/api/session').set('Cookie', signed.cookie).expect(200);
    expect(res.body).toEqual(signed.session);
    const none = await request(ctx.app).get('/api/session').expect(401);
    expect(none.body.type).toBe('/problems/unauthorized');
    await request(ctx.app).get('/api/session').set('Cookie', 'rc_session=forged').expect(401);
  });

  it('when 12 hours pass without a request, then the session has ended; requests keep it alive until then', async () => {
    const member = await addStaff(ctx, 'staff');
    const signed = await signIn(ctx.app, member);
    const get = () => request(ctx.app).get('/api/session').set('Cookie', signed.cookie);
    clock.advance(12 * HOUR - MINUTE);
    await get().expect(200);
    clock.advance(12 * HOUR - MINUTE);
    await get().expect(200);
    await operatorApi(ctx, signed).list().expect(200);
    clock.advance(12 * HOUR);
    const ended = await get().expect(401);
    expect(String(ended.headers['set-cookie'])).toMatch(/^rc_session=; .*Expires=Thu, 01 Jan 1970/);
    await operatorApi(ctx, signed).list().expect(401);
    expect(await sessionRows(member.id)).toEqual([]);
  });

  it('when 7 days pass since sign-in, then the session has ended however active it was', async () => {
    const member = await addStaff(ctx, 'staff');
    const signed = await signIn(ctx.app, member);
    for (let hours = 0; hours < 7 * 24 - 6; hours += 6) {
      clock.advance(6 * HOUR);
      await operatorApi(ctx, signed).list().expect(200);
    }
    clock.advance(6 * HOUR);
    await operatorApi(ctx, signed).list().expect(401);
    await request(ctx.app).get('/api/session').set('Cookie', signed.cookie).expect(401);
  });

  it('when requests come within a minute, then last_seen_at is written once, not on every request', async () => {
    const member = await addStaff(ctx, 'staff');
    const signed = await signIn(ctx.app, member);
    const lastSeen = async () => (await sessionRows(member.id))[0]?.last_seen_at.getTime();
    const signedInAt = await lastSeen();
    clock.advance(30_000);
    await operatorApi(ctx, signed).list().expect(200);
    expect(await lastSeen()).toBe(signedInAt);
    clock.advance(31_000);
    await operatorApi(ctx, signed).list().expect(200);
    expect(await lastSeen()).toBe(clock.now().getTime());
  });
});

describe('DELETE /api/session', () => {
  it('when signing out without the CSRF token, then 403; with it, 204, the cookie cleared and the session gone', async () => {
    const member = await addStaff(ctx, 'staff');
    const signed = await signIn(ctx.app, member);
    const refused = await request(ctx.app).delete('/api/session').set('Cookie', signed.cookie).expect(403);
    expect(refused.body.type).toBe('/problems/csrf-token-invalid');
    await request(ctx.app).get('/api/session').set('Cookie', signed.cookie).expect(200);
    const out = await request(ctx.app)
      .delete('/api/session')
      .set('Cookie', signed.cookie)
      .set('X-CSRF-Token', signed.csrf)
      .expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^rc_session=; Path=\/api; Expires=Thu, 01 Jan 1970/);
    await request(ctx.app).get('/api/session').set('Cookie', signed.cookie).expect(401);
    expect(await sessionRows(member.id)).toEqual([]);
    // Signing out again, with no live session, has nothing to end.
    await request(ctx.app).delete('/api/session').set('Cookie', signed.cookie).expect(204);
  });
});

describe('POST /api/session/password', () => {
  // Its own app: the failed attempts below count towards the sign-in limits.
  let app: ReturnType<typeof appWith>;
  beforeAll(() => {
    app = appWith(ctx, { now: clock.now });
  });
  const change = (signed: { cookie: string; csrf: string }, body: object) =>
    request(app)
      .post('/api/session/password')
      .set('Cookie', signed.cookie)
      .set('X-CSRF-Token', signed.csrf)
      .send(body);

  it('when a one-time password is changed, then operator routes open, the other sessions end and only the new password signs in', async () => {
    const member = await addStaff(ctx, 'staff', { oneTime: true });
    const first = await signIn(ctx.app, member);
    const second = await signIn(ctx.app, member);
    expect(first.session.must_change_password).toBe(true);
    const refused = await operatorApi(ctx, first).list().expect(403);
    expect(refused.body.type).toBe('/problems/password-change-required');

    const tooShort = await change(first, { current_password: member.password, new_password: 'short' }).expect(
      422,
    );
    expect(tooShort.body.errors).toEqual([
      { path: 'new_password', message: 'must be at least 12 characters' },
    ]);
    const same = await change(first, { current_password: member.password, new_password: member.password });
    expect(same.status).toBe(422);
    expect(same.body.errors[0].path).toBe('new_password');
    const wrong = await change(first, {
      current_password: 'not it at all',
      new_password: 'a brand new secret',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].path).toBe('current_password');
    await request(app)
      .post('/api/session/password')
      .set('Cookie', first.cookie)
      .send({ current_password: member.password, new_password: 'a brand new secret' })
      .expect(403);

    const res = await change(first, {
      current_password: member.password,
      new_password: 'a brand new secret',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...first.session, must_change_password: false });
    await operatorApi(ctx, first).list().expect(200);
    await operatorApi(ctx, second).list().expect(401);
    await request(ctx.app).get('/api/session').set('Cookie', second.cookie).expect(401);
    await request(ctx.app)
      .post('/api/session')
      .send({ email: member.email, password: member.password })
      .expect(401);
    await signIn(ctx.app, { email: member.email, password: 'a brand new secret' });
  });
});

describe('CSRF on operator writes', () => {
  it('when a session writes without the token or with a wrong one, then 403 and nothing changes; with it, the write is done; a key needs none', async () => {
    const member = await addStaff(ctx, 'staff');
    const signed = await signIn(ctx.app, member);
    const other = await signIn(ctx.app, await addStaff(ctx, 'staff'));
    const pause = (csrf?: string) => {
      const req = request(ctx.app).post('/api/clients/demo/pause').set('Cookie', signed.cookie);
      return (csrf === undefined ? req : req.set('X-CSRF-Token', csrf)).send({ minutes: 30 });
    };
    const pausedUntil = async () =>
      (
        await ctx.db
          .selectFrom('restaurants')
          .select('paused_until')
          .where('slug', '=', 'demo')
          .executeTakeFirstOrThrow()
      ).paused_until;
    for (const csrf of [undefined, 'wrong', other.csrf, `${signed.csrf}x`]) {
      const res = await pause(csrf).expect(403);
      expect(res.body).toMatchObject({ type: '/problems/csrf-token-invalid', status: 403 });
      expect(await pausedUntil()).toBeNull();
    }
    // Reading needs no token.
    await request(ctx.app).get('/api/clients/demo/hours').set('Cookie', signed.cookie).expect(200);
    await pause(signed.csrf).expect(200);
    expect(await pausedUntil()).not.toBeNull();
    await request(ctx.app)
      .post('/api/clients/demo/resume')
      .set('Cookie', signed.cookie)
      .set('X-CSRF-Token', signed.csrf)
      .expect(200);
    const key = await operatorKey(ctx);
    await request(ctx.app)
      .post('/api/clients/demo/pause')
      .set('Authorization', `Bearer ${key}`)
      .send({ minutes: 30 })
      .expect(200);
    expect(await pausedUntil()).not.toBeNull();
    await operatorApi(ctx, key).list().expect(200);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    request(ctx.app)
      .options('/api/session')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'DELETE')
      .set('Access-Control-Request-Headers', 'content-type,x-csrf-token');

  it('when the console asks, then credentials and X-CSRF-Token are allowed; a storefront gets neither; other origins nothing', async () => {
    const fromConsole = await preflight('http://127.0.0.1:4322');
    expect(fromConsole.headers['access-control-allow-origin']).toBe('http://127.0.0.1:4322');
    expect(fromConsole.headers['access-control-allow-credentials']).toBe('true');
    expect(fromConsole.headers['access-control-allow-headers']).toMatch(/X-CSRF-Token/);
    const storefront = await preflight('http://127.0.0.1:4321');
    expect(storefront.headers['access-control-allow-origin']).toBe('http://127.0.0.1:4321');
    expect(storefront.headers['access-control-allow-credentials']).toBeUndefined();
    expect(storefront.headers['access-control-allow-headers']).not.toMatch(/X-CSRF-Token/);
    const manualStorefront = await request(ctx.app)
      .get('/api/clients/demo/menu')
      .set('Origin', 'http://localhost:4323');
    expect(manualStorefront.headers['access-control-allow-origin']).toBe('http://localhost:4323');
    expect(manualStorefront.headers['access-control-allow-credentials']).toBeUndefined();
    const evil = await preflight('https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect(evil.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('the OpenAPI document', () => {
  it('when it is read, then it has the session and staff routes, the cookie scheme and the 403 refusals', async () => {
    const res = await request(ctx.app).get('/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/session',
        '/api/session/password',
        '/api/clients/{slug}/staff',
        '/api/clients/{slug}/staff/{staffId}/disable',
      ]),
    );
    expect(Object.keys(res.body.paths['/api/session'])).toEqual(['post', 'get', 'delete']);
    expect(res.body.components.securitySchemes.staffSession).toMatchObject({
      in: 'cookie',
      name: 'rc_session',
    });
    const refunds = res.body.paths['/api/clients/{slug}/orders/{orderId}/refunds'].post;
    expect(refunds.security).toEqual([{ operatorKey: [] }, { staffSession: [] }]);
    expect(refunds.responses['403'].description).toMatch(/role-required/);
  });
});
