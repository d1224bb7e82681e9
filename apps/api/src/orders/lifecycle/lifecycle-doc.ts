import { DISPUTE_STAGE_MOVES } from './dispute.ts';
import { ORDER_MOVES, PAYMENT_MOVES, REFUND_MOVES } from './machine.ts';
import { MOVES, type MoveSpec } from './moves.ts';

type Table = { readonly [from: string]: readonly string[] };

function diagram(table: Table, start: string, label = (_from: string, _to: string) => ''): string[] {
  const lines = ['```mermaid', 'stateDiagram-v2', `  [*] --> ${start}`];
  for (const [from, targets] of Object.entries(table)) {
    for (const to of targets) lines.push(`  ${from} --> ${to}${label(from, to)}`);
  }
  lines.push('```');
  return lines;
}

function moveRow(move: MoveSpec): string {
  const order = move.order ? `${move.order.from.join(', ')} → **${move.order.to}**` : '';
  const payment = move.payment ? `${move.payment.from.join(', ')} → **${move.payment.to}**` : '';
  const timeline = move.timeline.map((type) => `\`${type}\``).join(', ');
  return `| ${move.trigger} | ${order} | ${payment} | ${timeline} | ${move.writes} |`;
}

/**
 * docs/order-lifecycle.md, drawn from the machine's tables and the move catalogue. Regenerate with
 * `pnpm --filter @repo/api docs:lifecycle`; a test fails while the file differs.
 */
export function renderLifecycleDoc(): string {
  const refundCaused = (from: string, to: string) =>
    (PAYMENT_MOVES.refunds as Table)[from]?.includes(to) ? ': refunds' : '';
  const payments: Table = Object.fromEntries(
    Object.keys(PAYMENT_MOVES.payment).map((from) => [
      from,
      [...((PAYMENT_MOVES.payment as Table)[from] ?? []), ...((PAYMENT_MOVES.refunds as Table)[from] ?? [])],
    ]),
  );
  return [
    '# The order lifecycle',
    '',
    '<!-- Generated from apps/api/src/orders/lifecycle (machine.ts, dispute.ts, moves.ts) by',
    '     `pnpm --filter @repo/api docs:lifecycle`. Do not edit by hand: a test compares them. -->',
    '',
    "Every change of an order's state goes through `apps/api/src/orders/lifecycle/`: the order row is",
    "locked (`order-lock.ts`, one lock with the pool's 5 s lock timeout), a pure planner decides the",
    'move against the tables below, and `lifecycle.repository.ts` writes it (order, timeline entry and',
    'staged jobs in one statement where it can). Placing an order is the one write outside it: the',
    'placing statement creates the row, its lines and its first timeline entry at once.',
    '',
    '## Order status',
    '',
    ...diagram(ORDER_MOVES, 'pending_payment'),
    '',
    '## Payment status',
    '',
    'Moves marked `refunds` are caused by the refund ledger; the others by the PaymentIntent or a',
    'cancellation, and those only go forward: a late failure never undoes a success.',
    '',
    ...diagram(payments, 'requires_payment', refundCaused),
    '',
    '## What moves it, and what each move writes',
    '',
    '| trigger | order status | payment status | timeline | writes |',
    '| --- | --- | --- | --- | --- |',
    ...MOVES.map(moveRow),
    '',
    '## Refund ledger rows',
    '',
    ...diagram(REFUND_MOVES, 'pending'),
    '',
    'A failure Stripe reported is final; only a refusal we inferred before Stripe named the refund can',
    'still turn into success.',
    '',
    '## Disputes, by stage',
    '',
    ...diagram(DISPUTE_STAGE_MOVES, 'open'),
    '',
    'A closed dispute reopens only to an appeal of a lost one.',
    '',
  ].join('\n');
}
