import type { Amounts } from '@repo/contracts';
import { formatMoney } from '@repo/contracts/browser';
import { $ } from '@repo/site-kit/dom';
import type { Estimate } from './estimate.ts';

/** Renders the totals box; `final` is true once the API has priced the order. */
export function renderTotals(root: HTMLElement, totals: Estimate, currency: string, final: boolean): void {
  const set = (name: string, amount: number) => {
    $(`[data-total="${name}"]`, root).textContent = formatMoney(amount, currency);
  };
  set('subtotal', totals.subtotal);
  set('tax', totals.tax);
  set('tip', totals.tip);
  set('delivery', totals.deliveryFee);
  set('total', totals.total);
  $('[data-total-row="delivery"]', root).hidden = totals.deliveryFee === 0;
  $('[data-total-label]', root).textContent = final ? 'Total' : 'Estimated total';
  root.toggleAttribute('data-final', final);
}

export function fromAmounts(amounts: Amounts): Estimate {
  return {
    subtotal: amounts.subtotal,
    tax: amounts.tax,
    tip: amounts.tip,
    deliveryFee: amounts.delivery_fee,
    total: amounts.total,
  };
}
