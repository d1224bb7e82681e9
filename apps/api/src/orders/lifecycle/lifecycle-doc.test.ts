import { readFileSync } from 'node:fs';
import { OrderStatus, PaymentStatus, TimelineEntryType } from '@repo/contracts';
import { renderLifecycleDoc } from './lifecycle-doc.ts';
import { canMoveOrder, canMovePayment, ORDER_MOVES, PAYMENT_MOVES } from './machine.ts';
import { MOVES } from './moves.ts';

const DOC = new URL('../../../../../docs/order-lifecycle.md', import.meta.url);

describe('the order lifecycle', () => {
  it('when a move is catalogued, then the machine allows it', () => {
    for (const move of MOVES) {
      for (const from of move.order?.from ?? [])
        expect([from, move.order?.to, canMoveOrder(from, move.order?.to ?? from)]).toEqual([
          from,
          move.order?.to,
          true,
        ]);
      for (const from of move.payment?.from ?? []) {
        const to = move.payment?.to ?? from;
        expect([from, to, canMovePayment(from, to, move.payment?.cause)]).toEqual([from, to, true]);
      }
    }
  });

  it('when the machine allows a move, then the catalogue says what causes it', () => {
    const catalogued = (kind: 'order' | 'payment', from: string, to: string) =>
      MOVES.some(
        (move) =>
          move[kind]?.to === to && (move[kind]?.from as readonly string[] | undefined)?.includes(from),
      );
    for (const from of OrderStatus.options)
      for (const to of ORDER_MOVES[from])
        expect([from, to, catalogued('order', from, to)]).toEqual([from, to, true]);
    for (const cause of ['payment', 'refunds'] as const)
      for (const from of PaymentStatus.options)
        for (const to of PAYMENT_MOVES[cause][from])
          expect([from, to, catalogued('payment', from, to)]).toEqual([from, to, true]);
  });

  it('when an order gets a timeline entry, then its type is one the catalogue explains', () => {
    const explained = new Set(MOVES.flatMap((move) => move.timeline));
    expect(TimelineEntryType.options.filter((type) => !explained.has(type))).toEqual([]);
  });

  it('when the tables change, then docs/order-lifecycle.md is regenerated with them', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderLifecycleDoc());
  });
});
