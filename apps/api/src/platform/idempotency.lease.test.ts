import { newKey } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { eventually } from '../../test/operators.ts';
import { claimIdempotencyKey, LOCK_SECONDS, releaseIdempotencyKey, whileHolding } from './idempotency.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const lockedUntil = async (id: string) =>
  (
    await ctx.db
      .selectFrom('idempotency_keys')
      .select('locked_until')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).locked_until;

async function claim() {
  const claimed = await claimIdempotencyKey(ctx.db, {
    restaurantId: ctx.restaurant.id,
    scope: 'lease.test',
    key: newKey(),
    fingerprint: 'f',
  });
  if (claimed.kind !== 'claimed') throw new Error('expected a fresh claim');
  return claimed.id;
}

describe('the lease on an Idempotency-Key in flight', () => {
  it('when a request claims a key, then it holds it for at most 15 s unless it renews it', async () => {
    expect(LOCK_SECONDS).toBeLessThanOrEqual(15);
    const id = await claim();
    const held = (await lockedUntil(id))!.getTime() - Date.now();
    expect(held).toBeGreaterThan((LOCK_SECONDS - 2) * 1000);
    expect(held).toBeLessThanOrEqual((LOCK_SECONDS + 1) * 1000);
  });

  it('when the work outlasts a renewal period, then the lease is renewed while it runs, and a released key stays released', async () => {
    const id = await claim();
    const first = (await lockedUntil(id))!.getTime();
    await whileHolding(ctx.db, id, async () => {
      await eventually(async () => (await lockedUntil(id))!.getTime() > first, 'a renewal', 5_000);
      await releaseIdempotencyKey(ctx.db, id);
      // A renewal that comes after the release must not lock the key again.
      await new Promise((resolve) => setTimeout(resolve, (LOCK_SECONDS * 1000) / 3 + 200));
    });
    expect(await lockedUntil(id)).toBeNull();
  }, 15_000);
});
