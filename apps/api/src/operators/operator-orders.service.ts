import type { OperatorOrderView, OrderList, OrderListQuery } from '@repo/contracts';
import { refundableAmount } from '../orders/lifecycle/refund-ledger.ts';
import { findOrder, findOrderItems } from '../orders/orders.repository.ts';
import type { Db } from '../platform/db/database.ts';
import type { Order } from '../platform/db/schema.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import type { KeyedRequest } from '../platform/http.ts';
import type { IdempotencyScope } from '../platform/idempotency.ts';
import { isUuid } from '../platform/uuid.ts';
import { findRefundsForOrder } from '../refunds/refunds.repository.ts';
import { staffNamesOf } from '../staff/staff-names.ts';
import type { Operator } from './operator.ts';
import { findOrderEvents, findOrderJobs, listOrderPage } from './operator-orders.repository.ts';
import { toOperatorView, toOrderSummary } from './operator-view.ts';

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * One Idempotency-Key space for every operator write of a restaurant, as at Stripe: a key reused
 * for another order or another action is refused (its fingerprint covers action, order and body).
 */
export const OPERATOR_WRITES = 'operator.writes';

/** An operator's write on one order, as its route parsed it. */
export interface OrderActionCommand<Body> extends KeyedRequest {
  orderId: string;
  request: Body;
}

export function operatorWriteScope(operator: Operator, command: KeyedRequest): IdempotencyScope {
  return {
    restaurantId: operator.restaurant.id,
    scope: OPERATOR_WRITES,
    key: command.idempotencyKey,
    fingerprint: command.fingerprint,
  };
}

/** The operator's own order, or 404: another restaurant's order looks exactly like a missing one. */
export async function requireOperatorOrder(db: Db, operator: Operator, orderId: string): Promise<Order> {
  const order = isUuid(orderId) ? await findOrder(db, operator.restaurant.id, orderId) : undefined;
  if (!order) throw new NotFoundError('Order not found.');
  return order;
}

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !CURSOR_AT.test(at) || !isUuid(id)) {
    throw new ValidationError('The query has 1 invalid field(s).', [
      { path: 'cursor', message: 'is not a cursor from this API' },
    ]);
  }
  return { at, id };
}

/** Newest first, by (created_at, id): a stable keyset that new orders never shift. */
export async function listOperatorOrders(
  db: Db,
  operator: Operator,
  query: OrderListQuery,
): Promise<OrderList> {
  const rows = await listOrderPage(db, {
    restaurantId: operator.restaurant.id,
    status: query.status,
    paymentStatus: query.payment_status,
    flagged: query.flagged === undefined ? undefined : query.flagged === 'true',
    createdFrom: query.created_from,
    createdTo: query.created_to,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(toOrderSummary),
    next_cursor: rows.length > query.limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

export async function loadOperatorView(db: Db, order: Order): Promise<OperatorOrderView> {
  const [items, refunds, events, jobs, refundable] = await Promise.all([
    findOrderItems(db, order.id),
    findRefundsForOrder(db, order.id),
    findOrderEvents(db, order.id),
    findOrderJobs(db, order.id),
    refundableAmount(db, order),
  ]);
  const staffNames = await staffNamesOf(db, [...events, ...refunds]);
  return toOperatorView({ order, items, refunds, events, jobs, refundableAmount: refundable, staffNames });
}

export async function getOperatorOrder(
  db: Db,
  operator: Operator,
  orderId: string,
): Promise<OperatorOrderView> {
  return loadOperatorView(db, await requireOperatorOrder(db, operator, orderId));
}
