import type { OrderList, OrderSummary } from '@repo/contracts';
import { dateTime, formatMoney } from '@repo/contracts/browser';
import { $, el } from '@repo/site-kit/dom';
import { clientPath } from '../../lib/api.ts';
import { pageUrl } from '../../lib/config.ts';
import { type ConsoleContext, startPage } from '../../lib/page.ts';
import { STATUS_WORDS } from '../order/order-view.ts';
import { flagMeaning } from './flag-text.ts';

export async function startFlaggedPage(): Promise<void> {
  const context = await startPage();
  if (context) runFlaggedPage(context);
}

function flaggedItem(order: OrderSummary, context: ConsoleContext): HTMLLIElement {
  const meaning = flagMeaning(order.review_reason ?? '');
  const { timezone } = context.restaurant;
  return el(
    'li',
    { class: 'card', 'data-order-id': order.order_id },
    el(
      'h2',
      {},
      el(
        'a',
        { href: pageUrl(context.config.base, 'order', { id: order.order_id }) },
        `#${order.order_number}`,
      ),
      ` · ${meaning.title}`,
    ),
    el('p', {
      class: 'muted',
      text: `${order.customer_name} · ${formatMoney(order.total, order.currency)} · ${STATUS_WORDS[order.status]} · placed ${dateTime(order.created_at, timezone)}`,
    }),
    el('p', { text: meaning.meaning }),
    el('p', {}, el('strong', { text: 'What to do: ' }), meaning.todo),
    el('p', { class: 'reason', text: `Recorded reason: ${order.review_reason ?? ''}` }),
  );
}

function runFlaggedPage(context: ConsoleContext): void {
  const list = $('[data-flagged-list]');
  const more = $<HTMLButtonElement>('[data-more]');
  const summary = $('[data-flagged-summary]');
  const error = $('[data-flagged-error]');
  let cursor: string | null = null;
  let shown = 0;

  const load = async () => {
    more.disabled = true;
    error.textContent = '';
    try {
      const query = new URLSearchParams({ flagged: 'true', limit: '25', ...(cursor ? { cursor } : {}) });
      const page: OrderList = await context.api.get(clientPath(context.restaurant.slug, `orders?${query}`));
      const items = page.data.map((order) => flaggedItem(order, context));
      list.append(...items);
      if (cursor) items[0]?.querySelector('a')?.focus();
      shown += page.data.length;
      cursor = page.next_cursor;
      more.hidden = !cursor;
      summary.textContent =
        shown === 0
          ? 'No order is flagged. Nothing needs a person.'
          : `${shown} flagged order${shown === 1 ? '' : 's'}${cursor ? ' so far' : ''}.`;
    } catch (failure) {
      error.textContent = context.sentence(failure);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());
  void load();
}
