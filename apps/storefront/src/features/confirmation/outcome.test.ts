import type { DinerOrderView } from '@repo/contracts';
import { nextDelay, type Outcome, outcomeOf } from './outcome.ts';

type Status = DinerOrderView['status'];
type Payment = DinerOrderView['payment_status'];

const declined = 'Your card was declined.';
const noRecordedReason = 'Your bank did not approve the payment. You have not been charged.';

describe('outcomeOf', () => {
  it.each<[Status, Payment, string | null, Outcome]>([
    ['confirmed', 'succeeded', null, { kind: 'confirmed' }],
    ['confirmed', 'succeeded', 'failed', { kind: 'confirmed' }],
    ['completed', 'partially_refunded', null, { kind: 'confirmed' }],
    ['cancelled', 'refunded', null, { kind: 'cancelled' }],
    ['needs_review', 'succeeded', null, { kind: 'review' }],
    ['pending_payment', 'requires_payment', null, { kind: 'processing' }],
    ['pending_payment', 'requires_payment', 'succeeded', { kind: 'processing' }],
    ['pending_payment', 'processing', null, { kind: 'processing' }],
    ['pending_payment', 'processing', 'failed', { kind: 'processing' }],
    ['pending_payment', 'succeeded', 'failed', { kind: 'processing' }],
    ['pending_payment', 'failed', null, { kind: 'failed', reason: declined }],
    ['pending_payment', 'canceled', null, { kind: 'failed', reason: declined }],
    ['pending_payment', 'requires_payment', 'failed', { kind: 'failed', reason: declined }],
  ])(
    'when the order is %s, its payment %s and the redirect says %s, then the diner is shown %j',
    (status, payment_status, redirectStatus, outcome) => {
      expect(outcomeOf({ status, payment_status, payment_error: declined }, redirectStatus)).toEqual(outcome);
    },
  );

  it('when a payment failed without a recorded reason, then the diner is told they were not charged', () => {
    const order = { status: 'pending_payment', payment_status: 'failed', payment_error: null } as const;
    expect(outcomeOf(order, null)).toEqual({ kind: 'failed', reason: noRecordedReason });
  });
});

describe('nextDelay', () => {
  it.each([
    [0, 1000],
    [1, 1500],
    [2, 2250],
    [5, 7594],
    [6, 10_000],
    [40, 10_000],
  ])('when %i polls have gone unanswered, then the next one waits %i ms', (attempt, delay) => {
    expect(nextDelay(attempt)).toBe(delay);
  });
});
