import type { OrderStatus, OrderSummary } from '@repo/contracts';
import { BoardFeed, columnOf, groupBoard, nextStep } from './board-model.ts';

let counter = 0;
function order(overrides: Partial<OrderSummary> = {}): OrderSummary {
  counter += 1;
  return {
    order_id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    order_number: 1000 + counter,
    status: 'confirmed',
    payment_status: 'succeeded',
    order_type: 'pickup',
    customer_name: 'Ada Lovelace',
    total: 2281,
    amount_received: 2281,
    amount_refunded: 0,
    currency: 'usd',
    scheduled_time: null,
    acceptance_deadline: null,
    estimated_ready_at: null,
    review_reason: null,
    created_at: `2026-11-26T17:${String(counter % 60).padStart(2, '0')}:00.000Z`,
    ...overrides,
  };
}

describe('columnOf', () => {
  it.each<[OrderStatus, string | null]>([
    ['pending_payment', null],
    ['awaiting_acceptance', 'new'],
    ['confirmed', 'new'],
    ['needs_review', 'new'],
    ['preparing', 'preparing'],
    ['ready', 'ready'],
    ['completed', 'done'],
    ['cancelled', 'done'],
  ])('when an order is %s, then it sits in %s', (status, column) => {
    expect(columnOf(status)).toBe(column);
  });
});

describe('nextStep', () => {
  it('when an order waits for acceptance, then staff decide; then one tap each through the kitchen', () => {
    expect(nextStep('awaiting_acceptance')).toEqual({ kind: 'decide' });
    expect(nextStep('confirmed')).toMatchObject({ kind: 'kitchen', status: 'preparing' });
    expect(nextStep('preparing')).toMatchObject({ kind: 'kitchen', status: 'ready' });
    expect(nextStep('ready')).toMatchObject({ kind: 'kitchen', status: 'completed' });
    for (const status of ['completed', 'cancelled', 'needs_review', 'pending_payment'] as const)
      expect(nextStep(status)).toEqual({ kind: 'none' });
  });
});

describe('groupBoard', () => {
  it('when orders are grouped, then unpaid ones are left out, waiting ones come first by deadline, kitchen work oldest first and done newest first', () => {
    const unpaid = order({ status: 'pending_payment', payment_status: 'requires_payment' });
    const early = order({ created_at: '2026-11-26T17:00:00.000Z' });
    const late = order({ created_at: '2026-11-26T17:30:00.000Z' });
    const soon = order({ status: 'awaiting_acceptance', acceptance_deadline: '2026-11-26T17:40:00.000Z' });
    const later = order({ status: 'awaiting_acceptance', acceptance_deadline: '2026-11-26T17:50:00.000Z' });
    const cooking1 = order({ status: 'preparing', created_at: '2026-11-26T16:00:00.000Z' });
    const cooking2 = order({ status: 'preparing', created_at: '2026-11-26T16:30:00.000Z' });
    const doneOld = order({ status: 'completed', created_at: '2026-11-26T12:00:00.000Z' });
    const doneNew = order({ status: 'cancelled', created_at: '2026-11-26T13:00:00.000Z' });
    const board = groupBoard([late, unpaid, later, cooking2, doneOld, early, soon, cooking1, doneNew]);
    const ids = (list: OrderSummary[]) => list.map((o) => o.order_id);
    expect(ids(board.new)).toEqual(ids([soon, later, early, late]));
    expect(ids(board.preparing)).toEqual(ids([cooking1, cooking2]));
    expect(board.ready).toEqual([]);
    expect(ids(board.done)).toEqual(ids([doneNew, doneOld]));
  });
});

describe('BoardFeed', () => {
  it('when the first list loads, then nothing chimes; when a paid order then arrives by event, it does', () => {
    const feed = new BoardFeed();
    feed.beginLoad();
    expect(feed.finishLoad([order(), order({ status: 'preparing' })])).toEqual([]);
    const placed = order({ status: 'pending_payment', payment_status: 'requires_payment' });
    expect(feed.receive(placed)).toEqual([]);
    const paid = { ...placed, status: 'confirmed' as const, payment_status: 'succeeded' as const };
    expect(feed.receive(paid)).toEqual([paid]);
    // The same order again (a replay after a reconnect, a kitchen move) is not a new arrival.
    expect(feed.receive(paid)).toEqual([]);
    expect(feed.receive({ ...paid, status: 'preparing' })).toEqual([]);
    expect(feed.orders.get(paid.order_id)?.status).toBe('preparing');
  });

  it('when an event arrives while a list loads, then it is applied after the list, so the older list never wins', () => {
    const feed = new BoardFeed();
    const first = order({ status: 'confirmed' });
    feed.beginLoad();
    feed.finishLoad([first]);
    feed.beginLoad();
    const moved = { ...first, status: 'ready' as const };
    expect(feed.receive(moved)).toEqual([]);
    expect(feed.orders.get(first.order_id)?.status).toBe('confirmed');
    const arrived = order({ status: 'awaiting_acceptance' });
    expect(feed.finishLoad([first, arrived])).toEqual([arrived]);
    expect(feed.orders.get(first.order_id)?.status).toBe('ready');
  });

  it('when a list load fails, then the events held meanwhile are still applied', () => {
    const feed = new BoardFeed();
    feed.beginLoad();
    feed.finishLoad([]);
    feed.beginLoad();
    const paid = order();
    feed.receive(paid);
    expect(feed.abortLoad()).toEqual([paid]);
    expect(feed.orders.has(paid.order_id)).toBe(true);
  });
});
