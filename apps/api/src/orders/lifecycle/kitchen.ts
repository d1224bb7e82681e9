import type { KitchenStatus } from '@repo/contracts';
import type { Db } from '../../platform/db/database.ts';
import type { OrderUpdate } from '../../platform/db/schema.ts';
import { ConflictError } from '../../platform/errors.ts';
import { type Actor, recordOrderEvent, stageOrderJobs, updateOrder } from './lifecycle.repository.ts';
import { kitchenMove } from './machine.ts';
import { withLockedOrder } from './order-lock.ts';

const STEP_COLUMN = {
  preparing: 'preparing_at',
  ready: 'ready_at',
  completed: 'completed_at',
} as const satisfies Record<KitchenStatus, keyof OrderUpdate>;

/**
 * Flow 10: the kitchen moves a confirmed order forward (preparing, ready, completed; skipping is
 * allowed), under the order lock. `ready` emails the diner. Moving an order to where it is already
 * changes nothing; moving it back, or moving one the kitchen does not have, is a 409.
 */
export function moveKitchenStatus(
  db: Db,
  orderId: string,
  to: KitchenStatus,
  actor: Actor,
): Promise<boolean> {
  return withLockedOrder(db, orderId, async (tx, order) => {
    const move = kitchenMove(order.status, to);
    switch (move) {
      case 'already':
        return false;
      case 'backward':
        throw new ConflictError(
          'status-not-forward',
          'Status only moves forward',
          `Order #${order.order_number} is ${order.status}; it cannot go back to ${to}.`,
          { status: order.status },
        );
      case 'not-kitchen':
        throw new ConflictError(
          'order-not-accepted',
          'Order not in the kitchen',
          `Order #${order.order_number} is ${order.status}: only a confirmed order can be prepared.`,
          { status: order.status },
        );
      case 'forward':
        break;
      default: {
        const unreachable: never = move;
        throw new Error(`unknown kitchen move ${String(unreachable)}`);
      }
    }
    await updateOrder(tx, order.id, { status: to, [STEP_COLUMN[to]]: new Date() });
    await recordOrderEvent(tx, order.id, {
      type: to,
      actor,
      status: to,
      paymentStatus: order.payment_status,
    });
    if (to === 'ready') await stageOrderJobs(tx, order.id, ['ready_email']);
    return true;
  });
}
