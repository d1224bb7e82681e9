import { PosOrderV1 } from '@repo/contracts';
import { closeAll } from '../../test/close-all.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { jobEnded, jobTestEnv, type PosReceiver, startPosReceiver, startRunner } from '../../test/jobs.ts';
import { deliver, orderRow, placeOrder, succeeded } from '../../test/webhooks.ts';
import type { JobRunner } from './job-runner.ts';
import { requeueOrderJobs } from './order-jobs.repository.ts';
import { signPosBody, verifyPosSignature } from './pos-signature.ts';

const SECRET = 'pos_secret_for_tests_0001';
let ctx: TestContext;
let pos: PosReceiver;
let runner: JobRunner;
beforeAll(async () => {
  pos = await startPosReceiver(SECRET);
  ctx = await createTestContext({ env: jobTestEnv() });
  runner = await startRunner(ctx);
});
afterAll(() =>
  closeAll(
    () => runner?.stop(),
    () => ctx?.close(),
    () => pos?.close(),
  ),
);

async function setPos(url: string | null, secret: string | null = SECRET) {
  await ctx.db
    .updateTable('restaurants')
    .set({ pos_endpoint_url: url, pos_signing_secret: secret })
    .where('id', '=', ctx.restaurant.id)
    .execute();
}

async function confirmedOrder() {
  const order = await placeOrder(ctx);
  await deliver(ctx, await succeeded(ctx, order)).expect(200);
  return order;
}

const deliveriesFor = (orderId: string) => pos.deliveries.filter((d) => d.key === `pos-${orderId}`);

describe('POS hand-off', () => {
  it('when the POS answers 500 twice, then the retry delivers the signed order and the POS takes it once', async () => {
    await setPos(pos.url);
    pos.failNext(2, 500);
    const order = await confirmedOrder();
    const job = await jobEnded(ctx, order.orderId, 'pos_handoff');

    expect(job).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      last_error: null,
      detail: 'POS answered 200',
    });
    const deliveries = deliveriesFor(order.orderId);
    expect(deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    expect(deliveries.every((d) => d.signatureValid)).toBe(true);
    const taken = PosOrderV1.parse(pos.accepted.get(`pos-${order.orderId}`));
    const row = await orderRow(ctx, order.orderId);
    expect(taken).toMatchObject({
      version: 'pos.order.v1',
      idempotency_key: `pos-${order.orderId}`,
      restaurant: { slug: 'demo' },
      order: { order_id: order.orderId, order_number: row.order_number, amounts: { total: order.total } },
    });
    expect(taken.order.items.map((i) => i.name)).toEqual(['Margherita', 'Garlic Knots']);
  });

  it('when the POS keeps failing, then the job dies, the order is flagged, and a retry delivers it once', async () => {
    await setPos(pos.url);
    pos.failNext(3, 503);
    const order = await confirmedOrder();
    const dead = await jobEnded(ctx, order.orderId, 'pos_handoff');
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(dead.last_error).toMatch(/^POS answered 503/);
    expect(dead.flagged_at).toBeInstanceOf(Date);
    const flags = await ctx.db
      .selectFrom('order_events')
      .select(['type', 'actor_type', 'detail'])
      .where('order_id', '=', order.orderId)
      .where('type', '=', 'job_dead')
      .execute();
    expect(flags).toEqual([
      {
        type: 'job_dead',
        actor_type: 'system',
        detail: expect.objectContaining({ job_id: dead.id, kind: 'pos_handoff', attempts: 3 }),
      },
    ]);
    expect(await orderRow(ctx, order.orderId)).toMatchObject({ status: 'confirmed' });

    expect(await requeueOrderJobs(ctx.db, [dead.id])).toHaveLength(1);
    const retried = await jobEnded(ctx, order.orderId, 'pos_handoff');
    expect(retried).toMatchObject({ status: 'succeeded', attempts: 4, flagged_at: null });
    expect(deliveriesFor(order.orderId).map((d) => d.status)).toEqual([503, 503, 503, 200]);
    expect([...pos.accepted.keys()].filter((k) => k === `pos-${order.orderId}`)).toHaveLength(1);
  });

  it('when a delivered order is sent again, then it carries the same key and the POS does not take it twice', async () => {
    await setPos(pos.url);
    const order = await confirmedOrder();
    const job = await jobEnded(ctx, order.orderId, 'pos_handoff');
    expect(job.status).toBe('succeeded');
    await ctx.db.updateTable('order_jobs').set({ status: 'skipped' }).where('id', '=', job.id).execute();
    await requeueOrderJobs(ctx.db, [job.id]);
    expect(await jobEnded(ctx, order.orderId, 'pos_handoff')).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    expect(deliveriesFor(order.orderId).map((d) => d.status)).toEqual([200, 200]);
    expect(pos.accepted.has(`pos-${order.orderId}`)).toBe(true);
    expect(pos.accepted.size).toBe(new Set(pos.deliveries.map((d) => d.key)).size);
  });

  it('when no POS endpoint is configured, then the hand-off is skipped with the reason and nothing is sent', async () => {
    await setPos(null, null);
    const before = pos.deliveries.length;
    const order = await confirmedOrder();
    expect(await jobEnded(ctx, order.orderId, 'pos_handoff')).toMatchObject({
      status: 'skipped',
      detail: 'no POS endpoint configured',
      attempts: 1,
    });
    expect(pos.deliveries.length).toBe(before);
  });
});

describe('verifyPosSignature', () => {
  const body = JSON.stringify({ version: 'pos.order.v1' });
  const now = 1_800_000_000;
  it.each([
    ['the signature matches', SECRET, body, signPosBody(SECRET, body, now), true],
    ['the body was changed', SECRET, `${body} `, signPosBody(SECRET, body, now), false],
    ['another secret signed it', SECRET, body, signPosBody('other', body, now), false],
    ['it is older than the tolerance', SECRET, body, signPosBody(SECRET, body, now - 301), false],
    ['the header is missing', SECRET, body, undefined, false],
    ['the header is garbage', SECRET, body, 't=abc,v1=zz', false],
  ])('when %s, then it answers accordingly', (_name, secret, raw, header, valid) => {
    expect(verifyPosSignature(secret, raw, header, { now })).toBe(valid);
  });
});
