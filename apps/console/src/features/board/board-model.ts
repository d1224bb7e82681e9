import type { KitchenStatus, OrderStatus, OrderSummary } from '@repo/contracts';

/** The board's columns, left to right, as the kitchen works through an order. */
export type BoardColumn = 'new' | 'preparing' | 'ready' | 'done';

export const COLUMNS: readonly { id: BoardColumn; title: string; empty: string }[] = [
  { id: 'new', title: 'New', empty: 'No new orders.' },
  { id: 'preparing', title: 'Preparing', empty: 'Nothing in the kitchen.' },
  { id: 'ready', title: 'Ready', empty: 'Nothing waiting for pickup or delivery.' },
  { id: 'done', title: 'Done', empty: 'Nothing finished yet today.' },
];

/**
 * Where an order sits on the board. An order still waiting for its payment is not shown: the
 * kitchen must not start what may never be paid. One flagged for a person stays in "new".
 */
export function columnOf(status: OrderStatus): BoardColumn | null {
  switch (status) {
    case 'pending_payment':
      return null;
    case 'awaiting_acceptance':
    case 'confirmed':
    case 'needs_review':
      return 'new';
    case 'preparing':
      return 'preparing';
    case 'ready':
      return 'ready';
    case 'completed':
    case 'cancelled':
      return 'done';
    default: {
      const unknown: never = status;
      throw new Error(`unknown status ${String(unknown)}`);
    }
  }
}

/** The one-tap move an order offers, or accept/reject while it waits for acceptance. */
export type NextStep =
  | { kind: 'decide' }
  | { kind: 'kitchen'; status: KitchenStatus; label: string }
  | { kind: 'none' };

export function nextStep(status: OrderStatus): NextStep {
  switch (status) {
    case 'awaiting_acceptance':
      return { kind: 'decide' };
    case 'confirmed':
      return { kind: 'kitchen', status: 'preparing', label: 'Start preparing' };
    case 'preparing':
      return { kind: 'kitchen', status: 'ready', label: 'Mark ready' };
    case 'ready':
      return { kind: 'kitchen', status: 'completed', label: 'Complete' };
    default:
      return { kind: 'none' };
  }
}

const byTime = (field: 'created_at') => (a: OrderSummary, b: OrderSummary) =>
  Date.parse(a[field]) - Date.parse(b[field]) || a.order_number - b.order_number;

/** Orders waiting for acceptance first, by their deadline; then the rest, oldest first. */
function newFirst(a: OrderSummary, b: OrderSummary): number {
  const deadline = (o: OrderSummary) =>
    o.status === 'awaiting_acceptance' && o.acceptance_deadline
      ? Date.parse(o.acceptance_deadline)
      : Infinity;
  return deadline(a) - deadline(b) || byTime('created_at')(a, b);
}

/** The board's columns: the kitchen's work oldest first, what is done newest first. */
export function groupBoard(orders: Iterable<OrderSummary>): Record<BoardColumn, OrderSummary[]> {
  const columns: Record<BoardColumn, OrderSummary[]> = { new: [], preparing: [], ready: [], done: [] };
  for (const order of orders) {
    const column = columnOf(order.status);
    if (column) columns[column].push(order);
  }
  columns.new.sort(newFirst);
  columns.preparing.sort(byTime('created_at'));
  columns.ready.sort(byTime('created_at'));
  columns.done.sort((a, b) => byTime('created_at')(b, a));
  return columns;
}

/**
 * The board's orders, fed by a list load and by the live stream. Events that arrive while a list
 * is loading are held and applied after it, so a list read before an event never overwrites the
 * newer state the event brought. Orders that start to be shown after the first load are arrivals:
 * the board chimes and flashes for them.
 */
export class BoardFeed {
  readonly orders = new Map<string, OrderSummary>();
  private loading = false;
  private loadedOnce = false;
  private held: OrderSummary[] = [];

  /** A list load starts (on the stream's `ready`, or a poll). */
  beginLoad(): void {
    this.loading = true;
  }

  /** The list arrived: upserted, then the events held meanwhile. Returns the arrivals. */
  finishLoad(list: OrderSummary[]): OrderSummary[] {
    const arrivals = list.flatMap((order) => this.apply(order));
    this.loading = false;
    this.loadedOnce = true;
    const held = this.held;
    this.held = [];
    const late = held.flatMap((order) => this.apply(order));
    return [...arrivals, ...late];
  }

  /** A list load failed: the events held are applied as they are. */
  abortLoad(): OrderSummary[] {
    this.loading = false;
    const held = this.held;
    this.held = [];
    return held.flatMap((order) => this.apply(order));
  }

  /** One order's newest state, from the stream or from an action's answer. Returns it if it arrived. */
  receive(order: OrderSummary): OrderSummary[] {
    if (this.loading) {
      this.held.push(order);
      return [];
    }
    return this.apply(order);
  }

  private apply(order: OrderSummary): OrderSummary[] {
    const before = this.orders.get(order.order_id);
    this.orders.set(order.order_id, order);
    const shownBefore = before ? columnOf(before.status) !== null : false;
    const arrived = !shownBefore && columnOf(order.status) === 'new';
    return arrived && this.loadedOnce ? [order] : [];
  }
}
