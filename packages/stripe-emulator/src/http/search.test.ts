import { type Harness, startHarness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.close());
beforeEach(() => h.emulator.control.reset());

const pay = (order: string, amount: number, payment_method = 'pm_card_visa') =>
  h.stripe.paymentIntents
    .create({ amount, currency: 'usd', confirm: true, payment_method, metadata: { order_id: order } })
    .catch(() => undefined);

describe('GET /v1/payment_intents/search and /v1/charges/search', () => {
  it('when searching by metadata, status, amount and created, then matches come newest first', async () => {
    await pay('a', 1000);
    await pay('b', 2000);
    await pay('c', 3000, 'pm_card_chargeDeclined');
    const byOrder = await h.stripe.paymentIntents.search({ query: "metadata['order_id']:'b'" });
    expect(byOrder).toMatchObject({ object: 'search_result', has_more: false, next_page: null });
    expect(byOrder.data.map((pi) => pi.metadata.order_id)).toEqual(['b']);
    const paid = await h.stripe.paymentIntents.search({ query: 'status:"succeeded" AND amount>=1500' });
    expect(paid.data.map((pi) => pi.amount)).toEqual([2000]);
    const implicitAnd = await h.stripe.paymentIntents.search({
      query: "status:'succeeded' -metadata['order_id']:'a'",
    });
    expect(implicitAnd.data.map((pi) => pi.metadata.order_id)).toEqual(['b']);
    const either = await h.stripe.paymentIntents.search({
      query: "metadata['order_id']:'a' or metadata['order_id']:'c'",
    });
    expect(either.data.map((pi) => pi.metadata.order_id)).toEqual(['c', 'a']);
    const created = either.data[0]?.created ?? 0;
    expect((await h.stripe.paymentIntents.search({ query: `created>${created}` })).data).toEqual([]);
    const failed = await h.stripe.charges.search({ query: "status:'failed'" });
    expect(failed.data.map((c) => c.amount)).toEqual([3000]);
  });

  it('when results span pages, then next_page leads on and the SDK auto-pages through all of them', async () => {
    for (let i = 0; i < 5; i++) await pay(`o${i}`, 1000 + i);
    const first = await h.stripe.paymentIntents.search({ query: "status:'succeeded'", limit: 2 });
    expect(first.has_more).toBe(true);
    const second = await h.stripe.paymentIntents.search({
      query: "status:'succeeded'",
      limit: 2,
      page: first.next_page ?? '',
    });
    expect(second.data.map((pi) => pi.amount)).toEqual([1002, 1001]);
    const all: number[] = [];
    for await (const pi of h.stripe.paymentIntents.search({ query: "status:'succeeded'", limit: 2 }))
      all.push(pi.amount);
    expect(all).toEqual([1004, 1003, 1002, 1001, 1000]);
  });

  it.each([
    ["colour:'red'", /unsupported search field/],
    ["status:'succeeded' AND amount>1 OR currency:'usd'", /mix AND and OR/],
    ["status>'succeeded'", /does not support/],
    ['status', /could not be parsed/],
  ])('when the query is %s, then 400 names the problem on param query', async (query, message) => {
    await expect(h.stripe.paymentIntents.search({ query })).rejects.toMatchObject({
      statusCode: 400,
      param: 'query',
      message,
    });
  });

  it('when the query is missing, then parameter_missing', async () => {
    await expect(h.stripe.charges.search({} as { query: string })).rejects.toMatchObject({
      code: 'parameter_missing',
      param: 'query',
    });
  });
});

describe('routes the emulator does not model', () => {
  it.each([
    ['GET', '/v1/customers'],
    ['POST', '/v1/setup_intents'],
    ['GET', '/v1/payment_intents/pi_1/nothing'],
  ])('when %s %s is called, then 404 Unrecognized request URL as Stripe answers', async (method, path) => {
    const response = await fetch(`${h.emulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${h.emulator.secretKey}` },
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(
      new RegExp(`^Unrecognized request URL \\(${method}: ${path.replaceAll('/', '\\/')}\\)`),
    );
  });
});
