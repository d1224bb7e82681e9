import type { OrderSummary } from '@repo/contracts';
import { formatMoney } from '@repo/contracts/browser';
import { el } from '@repo/site-kit/dom';
import { pageUrl } from '../../lib/config.ts';
import { ago, clockTime, timeLeft } from '../../lib/time.ts';
import { type BoardColumn, COLUMNS, nextStep } from './board-model.ts';

export interface CardAction {
  kind: 'accept' | 'reject' | 'kitchen';
  order: OrderSummary;
  status?: 'preparing' | 'ready' | 'completed';
  button: HTMLButtonElement;
}

export interface BoardViewOptions {
  base: string;
  currency: string;
  timezone: string;
  act(action: CardAction): void;
}

const STATUS_WORDS: Partial<Record<OrderSummary['status'], string>> = {
  awaiting_acceptance: 'Waiting for you to accept',
  confirmed: 'Accepted',
  needs_review: 'Needs review',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

function button(label: string, order: OrderSummary, className: string, action: string): HTMLButtonElement {
  const node = el('button', { type: 'button', class: `btn ${className}`, 'data-action': action }, label);
  node.append(el('span', { class: 'sr-only', text: ` order #${order.order_number}` }));
  return node;
}

/** The countdown's text for an order waiting for acceptance; refreshed every second by `tick`. */
function deadlineText(deadline: string, now: number): { text: string; urgent: boolean } {
  const left = timeLeft(deadline, now);
  return { text: left.ms === 0 ? left.text : `${left.text} to accept`, urgent: left.urgent };
}

export function orderCard(order: OrderSummary, options: BoardViewOptions, now: number): HTMLLIElement {
  const { currency, timezone } = options;
  const titleId = `order-${order.order_id}-title`;
  const card = el('li', {
    class: 'order-card',
    'data-order-id': order.order_id,
    'data-status': order.status,
    'aria-labelledby': titleId,
  });
  const head = el(
    'div',
    { class: 'card-head' },
    el(
      'h3',
      { id: titleId },
      el('a', { href: pageUrl(options.base, 'order', { id: order.order_id }) }, `#${order.order_number}`),
    ),
    el('span', { class: 'customer', text: order.customer_name }),
  );
  const badges = el('p', { class: 'badges' });
  badges.append(
    el('span', { class: 'badge', text: order.order_type === 'delivery' ? 'Delivery' : 'Pickup' }),
  );
  const word = STATUS_WORDS[order.status];
  if (word) badges.append(el('span', { class: 'badge', text: word }));
  if (order.review_reason) badges.append(el('span', { class: 'badge badge-alert', text: 'Flagged' }));
  if (order.scheduled_time)
    badges.append(el('span', { class: 'badge', text: `For ${clockTime(order.scheduled_time, timezone)}` }));
  const meta = el(
    'p',
    { class: 'meta' },
    el('strong', { text: formatMoney(order.total, currency) }),
    ` · placed ${clockTime(order.created_at, timezone)} (${ago(order.created_at, now)})`,
  );
  card.append(head, badges, meta);
  if (order.status === 'awaiting_acceptance' && order.acceptance_deadline) {
    const left = deadlineText(order.acceptance_deadline, now);
    card.append(
      el('p', {
        class: `time-left${left.urgent ? ' urgent' : ''}`,
        'data-deadline': order.acceptance_deadline,
        text: left.text,
      }),
    );
  } else if (order.estimated_ready_at && (order.status === 'confirmed' || order.status === 'preparing')) {
    card.append(
      el('p', { class: 'ready-by', text: `Ready by ${clockTime(order.estimated_ready_at, timezone)}` }),
    );
  }
  const step = nextStep(order.status);
  if (step.kind !== 'none') {
    const actions = el('div', { class: 'actions' });
    if (step.kind === 'decide') {
      const accept = button('Accept', order, 'btn-go', 'accept');
      const reject = button('Reject', order, 'btn-danger', 'reject');
      accept.addEventListener('click', () => options.act({ kind: 'accept', order, button: accept }));
      reject.addEventListener('click', () => options.act({ kind: 'reject', order, button: reject }));
      actions.append(accept, reject);
    } else {
      const move = button(step.label, order, 'btn-go', `status-${step.status}`);
      move.addEventListener('click', () =>
        options.act({ kind: 'kitchen', order, status: step.status, button: move }),
      );
      actions.append(move);
    }
    card.append(actions);
  }
  return card;
}

/** Where focus was, by order and action, so a re-render can put it back on the same card. */
function focusedSpot(root: HTMLElement): { orderId: string; action: string | null } | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !root.contains(active)) return null;
  const card = active.closest<HTMLElement>('[data-order-id]');
  if (!card?.dataset.orderId) return null;
  return { orderId: card.dataset.orderId, action: active.dataset.action ?? null };
}

export function renderBoard(
  root: HTMLElement,
  columns: Record<BoardColumn, OrderSummary[]>,
  options: BoardViewOptions,
  arrived: ReadonlySet<string>,
  now = Date.now(),
): void {
  const spot = focusedSpot(root);
  for (const column of COLUMNS) {
    const list = root.querySelector<HTMLOListElement>(`[data-column="${column.id}"]`);
    const count = root.querySelector(`[data-count="${column.id}"]`);
    if (!list || !count) continue;
    const orders = columns[column.id];
    count.textContent = String(orders.length);
    list.replaceChildren(
      ...(orders.length
        ? orders.map((order) => {
            const card = orderCard(order, options, now);
            if (arrived.has(order.order_id)) card.classList.add('arrived');
            return card;
          })
        : [el('li', { class: 'empty', text: column.empty })]),
    );
  }
  if (!spot) return;
  const card = root.querySelector<HTMLElement>(`[data-order-id="${spot.orderId}"]`);
  const again =
    (spot.action && card?.querySelector<HTMLElement>(`[data-action="${spot.action}"]`)) ||
    card?.querySelector<HTMLElement>('[data-action]') ||
    card?.querySelector<HTMLElement>('a');
  again?.focus();
}

/** Refreshes every countdown without rebuilding the cards. */
export function tick(root: HTMLElement, now = Date.now()): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-deadline]')) {
    const left = deadlineText(node.dataset.deadline ?? '', now);
    node.textContent = left.text;
    node.classList.toggle('urgent', left.urgent);
  }
}
