import { formatMoney } from '@repo/contracts/browser';
import { el } from '@repo/site-kit/dom';
import { type CartLine, describeChoices, lineTotal, MAX_QUANTITY } from './cart-model.ts';

export interface CartViewOptions {
  currency: string;
  onQuantity?: (key: string, quantity: number) => void;
}

function stepper(line: CartLine, onQuantity: (key: string, quantity: number) => void): HTMLElement {
  const minus = el('button', {
    type: 'button',
    class: 'stepper-btn',
    'aria-label': line.quantity === 1 ? `Remove ${line.name}` : `One less ${line.name}`,
    text: line.quantity === 1 ? '×' : '−',
  });
  const plus = el('button', {
    type: 'button',
    class: 'stepper-btn',
    'aria-label': `One more ${line.name}`,
    text: '+',
  });
  if (line.quantity >= MAX_QUANTITY) plus.setAttribute('disabled', '');
  minus.addEventListener('click', () => onQuantity(line.key, line.quantity - 1));
  plus.addEventListener('click', () => onQuantity(line.key, line.quantity + 1));
  const count = el(
    'span',
    { class: 'stepper-count', 'aria-label': `Quantity ${line.quantity}` },
    String(line.quantity),
  );
  return el('div', { class: 'stepper' }, minus, count, plus);
}

export function renderCartLines(
  list: HTMLElement,
  lines: readonly CartLine[],
  options: CartViewOptions,
): void {
  list.replaceChildren(
    ...lines.map((line) => {
      const choices = describeChoices(line);
      const info = el(
        'div',
        { class: 'line-info' },
        el('span', {
          class: 'line-name',
          text: options.onQuantity ? line.name : `${line.quantity} × ${line.name}`,
        }),
        ...(choices ? [el('span', { class: 'line-detail', text: choices })] : []),
        ...(line.notes ? [el('span', { class: 'line-detail line-note', text: `“${line.notes}”` })] : []),
      );
      const price = el('span', { class: 'line-price', text: formatMoney(lineTotal(line), options.currency) });
      const controls = options.onQuantity ? [stepper(line, options.onQuantity)] : [];
      return el('li', { class: 'cart-line', 'data-line': line.menu_item_id }, info, ...controls, price);
    }),
  );
}
