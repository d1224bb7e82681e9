import type { DinerOrderView } from '@repo/contracts';
import { $, el } from '../../lib/dom.ts';
import { formatMoney } from '../../lib/money.ts';
import { emailNote, partialCharge, readyText, stageWords, timeText, totalLabel } from './order-text.ts';
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
  | 'missing';

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
  return words;
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
    order.order_type === 'delivery' ? 'Estimated delivery' : 'Ready for pickup at about';
  field(root, 'ready-at').textContent = readyText(order, timeZone);
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
  field(root, 'total-label').textContent = totalLabel(kind, order);
  field(root, 'total').textContent = money(order.amounts.total);
  const charged = partialCharge(order);
  field(root, 'charged-row').hidden = charged === null;
  field(root, 'charged').textContent = charged === null ? '' : money(charged);
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
