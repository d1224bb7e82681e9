import type { DinerOrderView } from '@repo/contracts';
import { isPlaced, nextDelay, type Outcome, outcomeOf } from './outcome.ts';

type Status = DinerOrderView['status'];
type Payment = DinerOrderView['payment_status'];

const declined = 'Your card was declined.';
const noRecordedReason = 'Your bank did not approve the payment. You have not been charged.';

describe('outcomeOf', () => {
  it.each<[Status, Payment, boolean, string | null, Outcome]>([
    ['awaiting_acceptance', 'authorized', false, null, { kind: 'waiting' }],
    ['awaiting_acceptance', 'authorized', false, 'succeeded', { kind: 'waiting' }],
    ['confirmed', 'succeeded', false, null, { kind: 'confirmed' }],
    ['confirmed', 'succeeded', false, 'failed', { kind: 'confirmed' }],
    ['preparing', 'succeeded', false, null, { kind: 'preparing' }],
    ['ready', 'succeeded', false, null, { kind: 'ready' }],
    ['ready', 'partially_refunded', false, null, { kind: 'ready' }],
    ['completed', 'succeeded', false, null, { kind: 'completed' }],
    ['completed', 'partially_refunded', false, null, { kind: 'completed' }],
    ['cancelled', 'canceled', true, null, { kind: 'not_accepted' }],
    ['cancelled', 'refunded', false, null, { kind: 'cancelled' }],
    ['cancelled', 'canceled', false, null, { kind: 'cancelled' }],
    ['needs_review', 'succeeded', false, null, { kind: 'review' }],
    ['needs_review', 'authorized', false, null, { kind: 'review' }],
    ['pending_payment', 'requires_payment', false, null, { kind: 'processing' }],
    ['pending_payment', 'requires_payment', false, 'succeeded', { kind: 'processing' }],
    ['pending_payment', 'processing', false, null, { kind: 'processing' }],
    ['pending_payment', 'processing', false, 'failed', { kind: 'processing' }],
    ['pending_payment', 'succeeded', false, 'failed', { kind: 'processing' }],
    ['pending_payment', 'authorized', false, 'failed', { kind: 'processing' }],
    ['pending_payment', 'failed', false, null, { kind: 'failed', reason: declined }],
    ['pending_payment', 'canceled', false, null, { kind: 'failed', reason: declined }],
    ['pending_payment', 'requires_payment', false, 'failed', { kind: 'failed', reason: declined }],
  ])(
    'when the order is %s, its payment %s, rejected %s and the redirect says %s, then the diner is shown %j',
    (status, payment_status, rejected, redirectStatus, outcome) => {
      const order = { status, payment_status, rejected, payment_error: declined };
      expect(outcomeOf(order, redirectStatus)).toEqual(outcome);
    },
  );

  it('when a payment failed without a recorded reason, then the diner is told they were not charged', () => {
    const order = {
      status: 'pending_payment',
      payment_status: 'failed',
      payment_error: null,
      rejected: false,
    } as const;
    expect(outcomeOf(order, null)).toEqual({ kind: 'failed', reason: noRecordedReason });
  });
});

describe('isPlaced', () => {
  it.each<[Outcome, boolean]>([
    [{ kind: 'waiting' }, true],
    [{ kind: 'confirmed' }, true],
    [{ kind: 'preparing' }, true],
    [{ kind: 'ready' }, true],
    [{ kind: 'completed' }, true],
    [{ kind: 'processing' }, false],
    [{ kind: 'failed', reason: declined }, false],
    [{ kind: 'review' }, false],
    [{ kind: 'cancelled' }, false],
    [{ kind: 'not_accepted' }, false],
  ])('when the outcome is %j, then the order counts as placed: %s', (outcome, placed) => {
    expect(isPlaced(outcome)).toBe(placed);
  });
});

describe('nextDelay', () => {
  it.each([
    [0, 1000],
    [1, 1500],
    [2, 2250],
    [3, 3375],
    [4, 4000],
    [40, 4000],
  ])('when %i polls have come before, then the next one waits %i ms', (attempt, delay) => {
    expect(nextDelay(attempt)).toBe(delay);
  });

  it('when the tab is hidden, then the next poll waits 30 s', () => {
    expect(nextDelay(0, true)).toBe(30_000);
  });

  it('when the server asks to retry later, then its Retry-After wins over a shorter backoff', () => {
    expect(nextDelay(0, false, 10_000)).toBe(10_000);
    expect(nextDelay(5, false, 2000)).toBe(4000);
  });
});
