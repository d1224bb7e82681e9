import type { DinerOrderView } from '@repo/contracts';
import { formatMoney } from '@repo/contracts/browser';
import { $, el } from '@repo/site-kit/dom';
import { failedPaymentSentence } from '../checkout/card-words.ts';
import {
  addressLine,
  arrivalText,
  emailNote,
  partialCharge,
  refundWords,
  stageWords,
  timeText,
  totalLabel,
} from './order-text.ts';
import type { PlacedKind } from './outcome.ts';
import { progressSteps } from './progress.ts';

export type ViewState =
  | 'loading'
  | 'order'
  | 'processing'
  | 'failed'
  | 'cancelled'
  | 'not-accepted'
  | 'review'
  | 'missing'
  | 'expired';

export function showState(root: HTMLElement, state: ViewState): void {
  root.dataset.state = state;
  for (const panel of root.querySelectorAll<HTMLElement>('[data-panel]'))
    panel.hidden = panel.dataset.panel !== state;
}

const field = (root: HTMLElement, name: string) => $(`[data-field="${name}"]`, root);

/** The headline and the line under it; called on every poll, as the deadline's minutes count down. */
export function renderStage(
  root: HTMLElement,
  kind: PlacedKind,
  order: DinerOrderView,
  restaurant: string,
  timeZone: string,
) {
  const words = stageWords(kind, order, restaurant, timeZone);
  field(root, 'headline').textContent = words.headline;
  const lead = field(root, 'lead');
  lead.textContent = words.lead;
  lead.hidden = words.lead === '';
  renderPayment(root, kind, order, timeZone);
  return words;
}

/** The totals, the charge and the refunds: refunds come without a change of step, so on every poll. */
function renderPayment(root: HTMLElement, kind: PlacedKind, order: DinerOrderView, timeZone: string): void {
  const money = (amount: number) => formatMoney(amount, order.amounts.currency);
  field(root, 'total-label').textContent = totalLabel(kind, order);
  field(root, 'total').textContent = money(order.amounts.total);
  const charged = partialCharge(order);
  field(root, 'charged-row').hidden = charged === null;
  field(root, 'charged').textContent = charged === null ? '' : money(charged);
  const refunds = refundWords(order, timeZone, money);
  const note = field(root, 'refund-note');
  note.textContent = refunds.note;
  note.hidden = refunds.note === '';
  field(root, 'refunds').replaceChildren(
    ...refunds.rows.map((row) =>
      el('div', {}, el('dt', { text: row.label }), el('dd', { text: `−${money(row.amount)}` })),
    ),
    ...(refunds.net === null
      ? []
      : [
          el(
            'div',
            { class: 'grand-total' },
            el('dt', { text: 'Net paid' }),
            el('dd', { text: money(refunds.net) }),
          ),
        ]),
  );
}

/**
 * The panels other than the order card (failed, cancelled, not accepted, in review) name the order
 * too, and the failed one says why in our words, from the code the API kept.
 */
export function renderOutcomePanel(root: HTMLElement, order: DinerOrderView): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-order-number]'))
    node.textContent = `Order #${order.order_number}`;
  field(root, 'failure-reason').textContent = failedPaymentSentence(order.payment_error_code);
  const money = (amount: number) => formatMoney(amount, order.amounts.currency);
  const refunded = order.refunds.reduce((sum, refund) => sum + refund.amount, 0);
  field(root, 'cancel-refund').textContent =
    refunded > 0
      ? `${money(refunded)} ${order.amount_refunded >= refunded ? 'was' : 'is being'} refunded to your card. Your bank may take 5–10 business days to show it.`
      : order.amount_charged > 0
        ? 'Your refund is on its way to your card.'
        : 'Your card was not charged for this order.';
}

function renderProgress(list: HTMLElement, kind: PlacedKind, order: DinerOrderView, timeZone: string): void {
  list.replaceChildren(
    ...progressSteps(kind, order).map((step) =>
      el(
        'li',
        {
          class: 'step',
          'data-step': step.state,
          'aria-current': step.state === 'current' ? 'step' : undefined,
        },
        el('span', { class: 'step-label', text: step.label }),
        el('span', { class: 'sr-only', text: step.state === 'upcoming' ? ', not yet' : ', done' }),
        ...(step.at ? [el('span', { class: 'step-time', text: timeText(step.at, timeZone) })] : []),
      ),
    ),
  );
}

/** Everything on the order card that changes only when the order reaches another step. */
export function renderOrder(
  root: HTMLElement,
  kind: PlacedKind,
  order: DinerOrderView,
  timeZone: string,
): void {
  const currency = order.amounts.currency;
  const money = (amount: number) => formatMoney(amount, currency);
  const card = $('[data-panel="order"]', root);
  card.dataset.stage = kind;
  card.dataset.orderType = order.order_type;
  field(root, 'order-number').textContent = `#${order.order_number}`;
  renderProgress(field(root, 'progress'), kind, order, timeZone);
  field(root, 'ready-label').textContent =
    order.order_type === 'delivery' ? 'Estimated delivery at about' : 'Ready for pickup at about';
  field(root, 'ready-at').textContent = arrivalText(order, timeZone);
  field(root, 'pickup-where').hidden = order.order_type !== 'pickup';
  const address = order.delivery_address;
  field(root, 'delivery-where').hidden = address === null;
  field(root, 'delivery-address').textContent = address ? addressLine(address) : '';
  const instructions = field(root, 'delivery-instructions');
  instructions.textContent = address?.instructions ? `Note for the driver: “${address.instructions}”` : '';
  instructions.hidden = !address?.instructions;
  field(root, 'ready-line').hidden = kind !== 'confirmed' && kind !== 'preparing';
  const [before, after] = emailNote(kind);
  field(root, 'email-note').replaceChildren(before, el('strong', { text: order.customer.email }), after);
  const rows: [string, number][] = [
    ['Subtotal', order.amounts.subtotal],
    ['Tax', order.amounts.tax],
    ...(order.amounts.delivery_fee ? [['Delivery', order.amounts.delivery_fee] as [string, number]] : []),
    ['Tip', order.amounts.tip],
  ];
  field(root, 'breakdown').replaceChildren(
    ...rows.map(([label, amount]) =>
      el('div', {}, el('dt', { text: label }), el('dd', { text: money(amount) })),
    ),
  );
  renderPayment(root, kind, order, timeZone);
  field(root, 'items').replaceChildren(
    ...order.items.map((item) => {
      const details = item.modifiers.map((m) => m.name).join(', ');
      return el(
        'li',
        { class: 'cart-line' },
        el(
          'div',
          { class: 'line-info' },
          el('span', { class: 'line-name', text: `${item.quantity} × ${item.name}` }),
          ...(details ? [el('span', { class: 'line-detail', text: details })] : []),
          ...(item.special_instructions
            ? [el('span', { class: 'line-detail line-note', text: `“${item.special_instructions}”` })]
            : []),
        ),
        el('span', { class: 'line-price', text: money(item.line_total) }),
      );
    }),
  );
}
