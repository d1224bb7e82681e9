import type { StaffRole } from '@repo/contracts';
import request from 'supertest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorApi, operatorKey, paidOrder, refundRows, timeline } from '../../test/operators.ts';
import { authorizedOrder, MANUAL, manualRestaurant } from '../../test/service.ts';
import { addStaff, type SignedIn, signIn, type TestStaff } from '../../test/staff.ts';
import { followStream } from '../../test/streams.ts';
import { orderRow } from '../../test/webhooks.ts';

const ROLES: StaffRole[] = ['staff', 'manager', 'owner'];

let ctx: TestContext;
const members = {} as Record<StaffRole, TestStaff>;
const sessions = {} as Record<StaffRole, SignedIn>;
let manualSessions: Record<StaffRole, SignedIn>;
beforeAll(async () => {
  ctx = await createTestContext();
  await manualRestaurant(ctx);
  manualSessions = {} as Record<StaffRole, SignedIn>;
  for (const role of ROLES) {
    members[role] = await addStaff(ctx, role);
    sessions[role] = await signIn(ctx.app, members[role]);
    manualSessions[role] = await signIn(ctx.app, await addStaff(ctx, role, { slug: MANUAL }));
  }
});
afterAll(() => ctx.close());

const write = (
  signed: SignedIn,
  method: 'post' | 'put',
  path: string,
  body: object,
  headers: Record<string, string> = {},
) => {
  const req = request(ctx.app)[method](path).set('Cookie', signed.cookie).set('X-CSRF-Token', signed.csrf);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send(body);
};

function expectRoleRequired(res: request.Response, required: StaffRole) {
  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({ type: '/problems/role-required', status: 403, required_role: required });
}

const allowedFrom = (least: StaffRole) =>
  ROLES.map((role) => [role, ROLES.indexOf(role) >= ROLES.indexOf(least)]);

describe('roles on the operator routes', () => {
  it.each(allowedFrom('staff'))(
    'when signed in as %s, then accepting an order (a staff action) is allowed: %s',
    async (role) => {
      const order = await authorizedOrder(ctx);
      const res = await operatorApi(ctx, manualSessions[role as StaffRole], MANUAL)
        .act(order.orderId, 'accept', { ready_in_minutes: 20 })
        .expect(200);
      expect(res.body.status).toBe('confirmed');
    },
  );

  it.each(allowedFrom('manager'))(
    'when signed in as %s, then refunding (a manager action) is allowed: %s',
    async (role, allowed) => {
      const order = await paidOrder(ctx);
      const res = await operatorApi(ctx, sessions[role as StaffRole]).refund(order.orderId, {
        amount: 100,
        reason: 'requested_by_customer',
      });
      if (allowed) {
        expect(res.status).toBe(201);
        expect(await refundRows(ctx, order.orderId)).toHaveLength(1);
      } else {
        expectRoleRequired(res, 'manager');
        expect(await refundRows(ctx, order.orderId)).toEqual([]);
      }
    },
  );

  it.each(allowedFrom('manager'))(
    'when signed in as %s, then cancelling (a manager action) is allowed: %s',
    async (role, allowed) => {
      const order = await paidOrder(ctx);
      const res = await operatorApi(ctx, sessions[role as StaffRole]).cancel(order.orderId, {
        reason: 'closing',
      });
      if (allowed) expect(res.status).toBe(200);
      else expectRoleRequired(res, 'manager');
      expect((await orderRow(ctx, order.orderId)).status).toBe(allowed ? 'cancelled' : 'confirmed');
    },
  );

  it.each(allowedFrom('manager'))(
    'when signed in as %s, then setting the hours (a manager action) is allowed: %s',
    async (role, allowed) => {
      const hours = { weekly: { monday: [{ open: '09:00', close: '17:00' }] }, closures: [] };
      const res = await write(sessions[role as StaffRole], 'put', '/api/clients/demo/hours', { hours });
      if (allowed) {
        expect(res.status).toBe(200);
      } else {
        expectRoleRequired(res, 'manager');
        expect(res.body.detail).toBe('This needs the manager role; you are signed in as staff.');
      }
      // Every role may read them.
      await request(ctx.app)
        .get('/api/clients/demo/hours')
        .set('Cookie', sessions[role as StaffRole].cookie)
        .expect(200);
      await write(sessions.owner, 'put', '/api/clients/demo/hours', { hours: null }).expect(200);
    },
  );

  it.each(allowedFrom('owner'))(
    'when signed in as %s, then adding a staff member (an owner action) is allowed: %s',
    async (role, allowed) => {
      const email = `new-${role}@demo.example`;
      const res = await write(sessions[role as StaffRole], 'post', '/api/clients/demo/staff', {
        email,
        name: 'New Cook',
        role: 'staff',
      });
      const stored = await ctx.db.selectFrom('staff').select('id').where('email', '=', email).execute();
      if (allowed) {
        expect(res.status).toBe(201);
        expect(stored).toHaveLength(1);
      } else {
        expectRoleRequired(res, 'owner');
        expect(stored).toEqual([]);
      }
    },
  );

  it('when staff pause, mark sold out, move kitchen statuses and read orders, then allowed', async () => {
    const signed = sessions.staff;
    const order = await paidOrder(ctx);
    const api = operatorApi(ctx, signed);
    await api.list().expect(200);
    await api.get(order.orderId).expect(200);
    await api.act(order.orderId, 'status', { status: 'preparing' }).expect(200);
    await write(signed, 'post', '/api/clients/demo/pause', { minutes: 15 }).expect(200);
    await write(signed, 'post', '/api/clients/demo/resume', {}).expect(200);
    const item = await ctx.db
      .selectFrom('menu_items')
      .select('id')
      .where('restaurant_id', '=', ctx.restaurant.id)
      .executeTakeFirstOrThrow();
    await request(ctx.app)
      .patch(`/api/clients/demo/menu/items/${item.id}`)
      .set('Cookie', signed.cookie)
      .set('X-CSRF-Token', signed.csrf)
      .send({ available: true })
      .expect(200);
    await request(ctx.app).get('/api/clients/demo/staff').set('Cookie', signed.cookie).expect(403);
  });

  it('when an API key is used, then every route is allowed, as before', async () => {
    const key = await operatorKey(ctx);
    const order = await paidOrder(ctx);
    await operatorApi(ctx, key)
      .refund(order.orderId, { amount: 100, reason: 'requested_by_customer' })
      .expect(201);
    await request(ctx.app)
      .post('/api/clients/demo/staff')
      .set('Authorization', `Bearer ${key}`)
      .send({ email: 'by-key@demo.example', name: 'Keyed', role: 'owner' })
      .expect(201);
    await request(ctx.app).get('/api/clients/demo/staff').set('Authorization', `Bearer ${key}`).expect(200);
  });
});

describe('tenancy', () => {
  it("when a session of one restaurant is used on another's routes or orders, then 404 and nothing changes", async () => {
    const theirs = await authorizedOrder(ctx);
    const demoOwner = sessions.owner;
    const foreign = operatorApi(ctx, demoOwner, MANUAL);
    for (const res of [
      await foreign.list(),
      await foreign.get(theirs.orderId),
      await foreign.act(theirs.orderId, 'accept', {}),
      await foreign.refund(theirs.orderId, { reason: 'requested_by_customer' }),
      await write(demoOwner, 'put', `/api/clients/${MANUAL}/hours`, { hours: null }),
      await request(ctx.app).get(`/api/clients/${MANUAL}/staff`).set('Cookie', demoOwner.cookie),
    ]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Ada');
    }
    // Their order under our own slug is no order of ours either.
    await operatorApi(ctx, demoOwner).get(theirs.orderId).expect(404);
    expect((await orderRow(ctx, theirs.orderId)).status).toBe('awaiting_acceptance');
  });
});

describe('the order event stream with a session', () => {
  it('when a staff member follows the board, then a paid order arrives; another restaurant is 404, a one-time password 403', async () => {
    const url = await ctx.listen();
    const board = followStream(`${url}/api/clients/demo/orders/events`, { Cookie: sessions.staff.cookie });
    try {
      await board.next((event) => event.type === 'ready', 'ready');
      const order = await paidOrder(ctx);
      await board.next(
        (event) => event.type === 'order' && event.data.order_id === order.orderId,
        'the order',
      );
    } finally {
      board.close();
    }
    const foreign = await fetch(`${url}/api/clients/${MANUAL}/orders/events`, {
      headers: { Cookie: sessions.staff.cookie },
    });
    expect(foreign.status).toBe(404);
    const fresh = await signIn(ctx.app, await addStaff(ctx, 'staff', { oneTime: true }));
    const refused = await fetch(`${url}/api/clients/demo/orders/events`, {
      headers: { Cookie: fresh.cookie },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toBe('/problems/password-change-required');
  });
});

describe('the timeline names the staff member', () => {
  it('when a session accepts, moves and refunds an order, then the timeline and the ledger name the member and their role; a key still records its prefix', async () => {
    const order = await authorizedOrder(ctx);
    const manager = manualSessions.manager;
    const api = operatorApi(ctx, manager, MANUAL);
    await api.act(order.orderId, 'accept', {}).expect(200);
    await api.act(order.orderId, 'status', { status: 'ready' }).expect(200);
    const refund = await api
      .refund(order.orderId, { amount: 100, reason: 'requested_by_customer' })
      .expect(201);
    const named = {
      type: 'staff',
      id: manager.session.staff.id,
      name: manager.session.staff.name,
      role: 'manager',
    };
    expect(refund.body.actor).toEqual(named);
    const key = await operatorKey(ctx, MANUAL);
    await operatorApi(ctx, key, MANUAL).act(order.orderId, 'status', { status: 'completed' }).expect(200);

    const view = (await api.get(order.orderId).expect(200)).body;
    const actorsOf = (type: string) =>
      view.timeline
        .filter((entry: { type: string }) => entry.type === type)
        .map((entry: { actor: unknown }) => entry.actor);
    expect(actorsOf('accepted')).toEqual([named]);
    expect(actorsOf('ready')).toEqual([named]);
    expect(actorsOf('completed')).toEqual([{ type: 'operator', id: key.split('_').slice(0, 2).join('_') }]);
    expect(view.refunds[0].actor).toEqual(named);
    const rows = await timeline(ctx, order.orderId);
    expect(rows.filter((row) => row.actor_type === 'staff').every((row) => row.actor_id === named.id)).toBe(
      true,
    );
  });
});

describe('staff management by the owner', () => {
  it('when the owner adds a member, then they sign in with the one-time password, must change it, and the email cannot be taken twice', async () => {
    const owner = sessions.owner;
    const res = await write(owner, 'post', '/api/clients/demo/staff', {
      email: 'Line.Cook@demo.example',
      name: 'Line Cook',
      role: 'staff',
    }).expect(201);
    expect(res.body).toEqual({
      staff: {
        id: expect.any(String),
        email: 'Line.Cook@demo.example',
        name: 'Line Cook',
        role: 'staff',
        must_change_password: true,
        disabled_at: null,
        created_at: expect.any(String),
      },
      one_time_password: expect.stringMatching(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/),
    });
    const signed = await signIn(ctx.app, {
      email: 'line.cook@demo.example',
      password: res.body.one_time_password,
    });
    expect(signed.session.must_change_password).toBe(true);
    const again = await write(owner, 'post', '/api/clients/demo/staff', {
      email: 'LINE.COOK@demo.example',
      name: 'Someone else',
      role: 'manager',
    }).expect(409);
    expect(again.body.type).toBe('/problems/staff-email-taken');
    const invalid = await write(owner, 'post', '/api/clients/demo/staff', {
      email: 'nope',
      name: '',
      role: 'chef',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'email',
      'name',
      'role',
    ]);
    const list = await request(ctx.app)
      .get('/api/clients/demo/staff')
      .set('Cookie', owner.cookie)
      .expect(200);
    expect(list.body.data.map((s: { email: string }) => s.email)).toContain('Line.Cook@demo.example');
    expect(JSON.stringify(list.body)).not.toContain('password_hash');
  });

  it('when the owner disables a member, then their sessions end and they cannot sign in; not themselves, not another restaurant’s', async () => {
    const owner = sessions.owner;
    const member = await addStaff(ctx, 'manager');
    const signed = await signIn(ctx.app, member);
    const res = await write(owner, 'post', `/api/clients/demo/staff/${member.id}/disable`, {}).expect(200);
    expect(res.body.disabled_at).toEqual(expect.any(String));
    await operatorApi(ctx, signed).list().expect(401);
    await request(ctx.app).get('/api/session').set('Cookie', signed.cookie).expect(401);
    const refused = await request(ctx.app)
      .post('/api/session')
      .send({ email: member.email, password: member.password });
    expect(refused.status).toBe(401);
    expect(refused.body.type).toBe('/problems/invalid-credentials');

    const self = await write(owner, 'post', `/api/clients/demo/staff/${members.owner.id}/disable`, {}).expect(
      409,
    );
    expect(self.body.type).toBe('/problems/staff-self-disable');
    const foreignId = manualSessions.staff.session.staff.id;
    await write(owner, 'post', `/api/clients/demo/staff/${foreignId}/disable`, {}).expect(404);
    await write(owner, 'post', '/api/clients/demo/staff/not-a-uuid/disable', {}).expect(404);
    await operatorApi(ctx, manualSessions.staff, MANUAL).list().expect(200);
  });
});
