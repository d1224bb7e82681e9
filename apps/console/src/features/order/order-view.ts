import type { OperatorOrderView, PaymentStatus, RefundStatus } from '@repo/contracts';
import { dateTime, formatMoney } from '@repo/contracts/browser';
import { $, el } from '@repo/site-kit/dom';
import { disputeText, flagMeaning } from '../flagged/flag-text.ts';
import { actorText, detailText, TIMELINE_WORDS } from './timeline-text.ts';

export const STATUS_WORDS: Record<OperatorOrderView['status'], string> = {
  pending_payment: 'Waiting for payment',
  awaiting_acceptance: 'Waiting for acceptance',
  confirmed: 'Accepted',
  preparing: 'Preparing',
  ready: 'Ready',
  completed: 'Completed',
  cancelled: 'Cancelled',
  needs_review: 'Needs review',
};

export const PAYMENT_WORDS: Record<PaymentStatus, string> = {
  requires_payment: 'Not paid',
  processing: 'Processing',
  authorized: 'Held on the card',
  succeeded: 'Paid',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  failed: 'Failed',
  canceled: 'Cancelled, nothing charged',
};

export const REFUND_WORDS: Record<RefundStatus, string> = {
  pending: 'Pending',
  requires_action: 'Needs action',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Cancelled',
};

function facts(root: HTMLElement, rows: [string, string | Node | null | undefined][]): void {
  root.replaceChildren(
    ...rows
      .filter(
        (row): row is [string, string | Node] => row[1] !== null && row[1] !== undefined && row[1] !== '',
      )
      .flatMap(([term, value]) => [el('dt', { text: term }), el('dd', {}, value)]),
  );
}

/** Fills every section of the order page from the API's operator view. */
export function renderOrder(root: HTMLElement, order: OperatorOrderView, timezone: string): void {
  const currency = order.amounts.currency;
  const money = (minor: number) => formatMoney(minor, currency);
  const at = (iso: string) => dateTime(iso, timezone);
  const field = (name: string) => $(`[data-field="${name}"]`, root);

  field('number').textContent = `#${order.order_number}`;
  const badges = [STATUS_WORDS[order.status], PAYMENT_WORDS[order.payment_status]];
  field('badges').replaceChildren(...badges.map((text) => el('span', { class: 'badge', text })));
  if (order.flags.review_reason)
    field('badges').append(el('span', { class: 'badge badge-alert', text: 'Flagged' }));
  field('placed').textContent = `Placed ${at(order.created_at)}${
    order.acceptance_deadline && order.status === 'awaiting_acceptance'
      ? ` · accept before ${at(order.acceptance_deadline)}`
      : ''
  }${order.estimated_ready_at ? ` · ready by ${at(order.estimated_ready_at)}` : ''}`;

  field('items').replaceChildren(
    ...order.items.map((line) => {
      const item = el(
        'li',
        {},
        el('span', { text: `${line.quantity} × ${line.name}` }),
        el('span', { text: money(line.line_total) }),
      );
      if (line.modifiers.length)
        item.append(
          el('p', {
            class: 'options',
            text: line.modifiers
              .map((m) => `${m.group_name}: ${m.name}${m.price_delta ? ` (+${money(m.price_delta)})` : ''}`)
              .join(', '),
          }),
        );
      if (line.special_instructions)
        item.append(el('p', { class: 'line-note', text: `Note: ${line.special_instructions}` }));
      return item;
    }),
  );
  const note = field('order-note');
  note.hidden = !order.special_instructions;
  note.textContent = order.special_instructions ? `Order note: ${order.special_instructions}` : '';
  const amounts = field('amounts');
  facts(amounts, [
    ['Subtotal', money(order.amounts.subtotal)],
    ['Tax', money(order.amounts.tax)],
    ['Tip', order.amounts.tip ? money(order.amounts.tip) : null],
    ['Delivery fee', order.amounts.delivery_fee ? money(order.amounts.delivery_fee) : null],
    ['Total', money(order.amounts.total)],
  ]);
  amounts.lastElementChild?.classList.add('total');
  amounts.lastElementChild?.previousElementSibling?.classList.add('total');

  const address = order.delivery_address;
  facts(field('customer'), [
    ['Name', order.customer.name],
    ['Email', el('a', { href: `mailto:${order.customer.email}`, text: order.customer.email })],
    [
      'Phone',
      el('a', { href: `tel:${order.customer.phone.replace(/[^+\d]/g, '')}`, text: order.customer.phone }),
    ],
    ['Type', order.order_type === 'delivery' ? 'Delivery' : 'Pickup'],
    ['For', order.scheduled_time ? at(order.scheduled_time) : 'As soon as possible'],
    [
      'Address',
      address
        ? [address.line1, address.line2, `${address.postal_code} ${address.city}`, address.instructions]
            .filter(Boolean)
            .join(', ')
        : null,
    ],
  ]);

  const payment = order.payment;
  facts(field('payment'), [
    ['Status', PAYMENT_WORDS[payment.status]],
    ['Received', money(payment.amount_received)],
    ['Refunded', money(payment.amount_refunded)],
    ['Still refundable', money(payment.refundable_amount)],
    ['Last error', payment.last_error],
    ['Stripe payment', payment.payment_intent_id],
    ['Mode', payment.livemode ? 'Live' : 'Test'],
  ]);

  const flags = field('flags');
  flags.replaceChildren();
  if (order.flags.review_reason) {
    const meaning = flagMeaning(order.flags.review_reason);
    flags.append(
      el(
        'div',
        { class: 'flag' },
        el('h3', { text: meaning.title }),
        el('p', { text: meaning.meaning }),
        el('p', { text: `What to do: ${meaning.todo}` }),
        el('p', { class: 'muted', text: `Recorded reason: ${order.flags.review_reason}` }),
      ),
    );
  }
  if (order.flags.dispute_status)
    flags.append(
      el(
        'div',
        { class: 'flag' },
        el('h3', { text: 'Dispute' }),
        el('p', { text: disputeText(order.flags.dispute_status) }),
      ),
    );
  if (!flags.childElementCount) flags.append(el('p', { class: 'muted', text: 'No flags and no disputes.' }));

  const refunds = field('refunds');
  if (order.refunds.length === 0) refunds.replaceChildren(el('p', { class: 'muted', text: 'No refunds.' }));
  else {
    const head = el(
      'tr',
      {},
      ...['When', 'Amount', 'Status', 'Reason', 'Note', 'By'].map((h) => el('th', { scope: 'col', text: h })),
    );
    const rows = order.refunds.map((refund) =>
      el(
        'tr',
        { 'data-refund-status': refund.status },
        el('td', { text: at(refund.created_at) }),
        el('td', { text: money(refund.amount) }),
        el('td', {
          text: `${REFUND_WORDS[refund.status]}${refund.failure_reason ? ` (${refund.failure_reason})` : ''}`,
        }),
        el('td', { text: refund.reason?.replaceAll('_', ' ') ?? '' }),
        el('td', { text: refund.note ?? '' }),
        el('td', { text: actorText(refund.actor) }),
      ),
    );
    refunds.replaceChildren(
      el(
        'table',
        {},
        el('caption', { class: 'sr-only', text: 'Refund ledger' }),
        el('thead', {}, head),
        el('tbody', {}, ...rows),
      ),
    );
  }

  field('timeline').replaceChildren(
    ...order.timeline.map((entry) => {
      const item = el(
        'li',
        {},
        el('time', { datetime: entry.at, text: at(entry.at) }),
        el('span', {}, el('strong', { text: TIMELINE_WORDS[entry.type] }), ` · ${actorText(entry.actor)}`),
      );
      const detail = detailText(entry.detail, money);
      if (detail) item.append(el('span', { class: 'detail', text: detail }));
      return item;
    }),
  );
  const jobs = field('jobs');
  jobs.replaceChildren();
  if (order.jobs.length) {
    jobs.append(
      el('h3', { text: 'Emails and hand-offs' }),
      el(
        'ul',
        {},
        ...order.jobs.map((job) =>
          el('li', {
            text: `${job.kind.replaceAll('_', ' ')}: ${job.status}${job.attempts > 1 ? ` after ${job.attempts} attempts` : ''}${job.last_error ? ` (${job.last_error})` : ''}`,
          }),
        ),
      ),
    );
  }
}
