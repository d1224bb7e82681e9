import { fetchMenu, newKey, pickupOrder } from '../../test/fixtures.ts';
import { createTestContext, rowCount, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const written = async () => ({
  orders: await rowCount(ctx.db, 'orders'),
  keys: await rowCount(ctx.db, 'idempotency_keys'),
});

/** The order as JSON bytes, with the customer's name replaced by `name` exactly as given. */
async function orderBytes(name: Buffer): Promise<Buffer> {
  const json = JSON.stringify(pickupOrder(await fetchMenu(ctx), {}));
  const [before, after] = json.split('"Ada Lovelace"') as [string, string];
  return Buffer.concat([Buffer.from(`${before}"`), name, Buffer.from(`"${after}`)]);
}

/** Sends the bytes as they are (supertest would re-encode a Buffer as JSON). */
async function post(body: Buffer, contentType = 'application/json') {
  const res = await fetch(`${await ctx.listen()}/api/clients/demo/orders`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'Idempotency-Key': newKey() },
    body,
  });
  const json = (await res.json()) as Record<string, string>;
  return { status: res.status, type: res.headers.get('content-type'), body: json };
}

describe('JSON request bodies', () => {
  it.each([
    ['without a charset', 'application/json'],
    ['declared as UTF-8', 'application/json; charset=utf-8'],
  ])(
    'when a body %s is not valid UTF-8, then it answers a 400 problem and writes nothing',
    async (_name, type) => {
      const before = await written();
      // "Ad", then 0xFF 0xFE (never valid in UTF-8), then "a".
      const res = await post(await orderBytes(Buffer.from([0x41, 0x64, 0xff, 0xfe, 0x61])), type);
      expect(res.status).toBe(400);
      expect(res.type).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: '/problems/bad-request', status: 400 });
      expect(res.body.detail).toMatch(/UTF-8/);
      expect(await written()).toEqual(before);
    },
  );

  it('when the same name is valid UTF-8, then the order is placed with it intact', async () => {
    const res = await post(await orderBytes(Buffer.from('Adéa 李', 'utf8')));
    expect(res.status).toBe(201);
    const row = await ctx.db
      .selectFrom('orders')
      .select('customer_name')
      .where('id', '=', String(res.body.order_id))
      .executeTakeFirstOrThrow();
    expect(row.customer_name).toBe('Adéa 李');
  });
});
