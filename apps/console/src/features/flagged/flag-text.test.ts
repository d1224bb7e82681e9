import { disputeText, FLAG_KINDS, flagMeaning } from './flag-text.ts';

describe('flagMeaning', () => {
  it.each([
    [
      'a refund failed after this order was cancelled: 2580 usd of its payment is not refunded',
      'Money left on a cancelled order',
    ],
    ['succeeded refunds total 3000, more than the 2580 received', 'Refunded more than received'],
    [
      'Stripe does not know PaymentIntent pi_123 (test data deleted, or a key from another account)',
      'Payment unknown to Stripe',
    ],
    [
      "PaymentIntent pi_9 took 2580 usd after this order's payment was canceled",
      'Paid after the payment was cancelled',
    ],
    ['PaymentIntent pi_9 took 2580 usd for this order, whose payment is pi_1', 'Paid twice'],
    ['amount_received 2480 differs from the 2580 expected', 'Payment does not match the order'],
    ["currency eur differs from the order's usd", 'Payment does not match the order'],
    ['metadata.order_id (none) is not this order', 'Payment does not match the order'],
    ["livemode true differs from the order's false", 'Payment does not match the order'],
    ['something new', 'Needs a person'],
  ])('when the reason is "%s", then the flag reads "%s"', (reason, title) => {
    expect(flagMeaning(reason).title).toBe(title);
  });

  it('when the legend lists every kind, then each says what it means and what to do', () => {
    expect(FLAG_KINDS.length).toBeGreaterThan(5);
    for (const kind of FLAG_KINDS) {
      expect(kind.meaning).toMatch(/\.$/);
      expect(kind.todo).toMatch(/\.$/);
    }
  });
});

describe('disputeText', () => {
  it('when a dispute is open, won, lost or unknown, then it is said plainly', () => {
    expect(disputeText('needs_response')).toMatch(/Respond in the Stripe Dashboard/);
    expect(disputeText('won')).toMatch(/favour/);
    expect(disputeText('lost')).toMatch(/returned the money/);
    expect(disputeText('charge_refunded')).toBe('The diner disputed the charge (charge refunded).');
  });
});
