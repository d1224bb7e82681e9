import type { DinerOrderView } from '@repo/contracts';
import { $, el } from '../../lib/dom.ts';
import { formatMoney } from '../../lib/money.ts';

export type ViewState =
  | 'loading'
  | 'confirmed'
  | 'processing'
  | 'failed'
  | 'cancelled'
  | 'review'
  | 'missing';

export function showState(root: HTMLElement, state: ViewState): void {
  root.dataset.state = state;
  for (const panel of root.querySelectorAll<HTMLElement>('[data-panel]'))
    panel.hidden = panel.dataset.panel !== state;
}

const timeFormat = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric' });

export function readyText(order: Pick<DinerOrderView, 'scheduled_time' | 'estimated_ready_at'>): string {
  const iso = order.scheduled_time ?? order.estimated_ready_at;
  if (!iso) return '';
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  const time = timeFormat.format(at);
  return sameDay ? time : `${dayFormat.format(at)}, ${time}`;
}

export function renderConfirmed(root: HTMLElement, order: DinerOrderView): void {
  const currency = order.amounts.currency;
  $('[data-field="first-name"]', root).textContent = order.customer.first_name;
  $('[data-field="order-number"]', root).textContent = `#${order.order_number}`;
  $('[data-field="ready-label"]', root).textContent =
    order.order_type === 'delivery' ? 'Estimated delivery' : 'Ready for pickup at about';
  $('[data-field="ready-at"]', root).textContent = readyText(order);
  $('[data-field="email"]', root).textContent = order.customer.email;
  $('[data-field="total"]', root).textContent = formatMoney(order.amounts.total, currency);
  const rows: [string, number][] = [
    ['Subtotal', order.amounts.subtotal],
    ['Tax', order.amounts.tax],
    ...(order.amounts.delivery_fee ? [['Delivery', order.amounts.delivery_fee] as [string, number]] : []),
    ['Tip', order.amounts.tip],
  ];
  $('[data-field="breakdown"]', root).replaceChildren(
    ...rows.map(([label, amount]) =>
      el('div', {}, el('dt', { text: label }), el('dd', { text: formatMoney(amount, currency) })),
    ),
  );
  $('[data-field="items"]', root).replaceChildren(
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
        el('span', { class: 'line-price', text: formatMoney(item.line_total, currency) }),
      );
    }),
  );
}
