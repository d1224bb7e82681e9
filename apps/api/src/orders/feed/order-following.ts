import { findOrderSummaryRows } from '../../operators/operator-orders.repository.ts';
import { toOrderSummary } from '../../operators/operator-view.ts';
import { coalesced } from '../../platform/coalesce.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Order, Restaurant } from '../../platform/db/schema.ts';
import { BadRequestError } from '../../platform/errors.ts';
import type { EventStream } from '../../platform/event-stream.ts';
import type { Logger } from '../../platform/logger.ts';
import { storedDinerView } from '../diner-order.service.ts';
import { findOrder } from '../orders.repository.ts';
import { restaurantChangesBetween } from './order-feed.repository.ts';
import type { OrderFeed } from './order-feed.ts';

/** A board offline longer than this many order changes is told to reload rather than replayed. */
export const REPLAY_LIMIT = 500;

export interface FollowingDeps {
  db: Db;
  logger: Logger;
  orderFeed: OrderFeed;
}

const POSITION = /^\d{1,20}$/;
/** The largest transaction id PostgreSQL's xid8 holds. */
const XID8_MAX = 2n ** 64n - 1n;

/** A Last-Event-ID of ours is a feed position; anything else is a 400, not a silent fresh start. */
export function parsePosition(lastEventId: string | undefined): string | undefined {
  if (lastEventId === undefined) return undefined;
  if (!POSITION.test(lastEventId) || BigInt(lastEventId) > XID8_MAX) {
    throw new BadRequestError('Last-Event-ID is not an event id from this stream.');
  }
  return lastEventId;
}

/**
 * Streams the diner's order: its stored view at once, then at each change, until nothing more
 * can happen to it by itself (then the stream ends). Never calls Stripe: the page re-syncs the
 * payment by GET while its outcome is unknown, and follows the stream once it is known.
 */
export async function followDinerOrder(
  deps: FollowingDeps,
  restaurant: Restaurant,
  order: Order,
  stream: EventStream,
): Promise<void> {
  let position = '';
  const push = coalesced(
    async () => {
      if (stream.closed) return;
      const current = await findOrder(deps.db, order.restaurant_id, order.id);
      if (!current || stream.closed) return;
      const view = await storedDinerView(deps.db, restaurant, current);
      stream.send('order', view, position);
      if (view.final) stream.end();
    },
    (error) => {
      deps.logger.warn({ err: error, orderId: order.id }, 'order stream update failed; ending the stream');
      stream.end();
    },
  );
  const following = await deps.orderFeed.follow({
    restaurantId: order.restaurant_id,
    orderId: order.id,
    changed: (_orderIds, at) => {
      position = at;
      push.trigger();
    },
  });
  stream.onClose(following.stop);
  position ||= following.position;
  push.trigger();
}

/**
 * Streams every change of a restaurant's orders as its list summary. A client that reconnects
 * with Last-Event-ID first gets every order changed since, then `ready`; a first connection gets
 * `ready` at once (load the list after it: nothing changed after it is missed). A change still held
 * back behind an older open transaction may come just after `ready`.
 */
export async function followRestaurantOrders(
  deps: FollowingDeps,
  restaurantId: string,
  since: string | undefined,
  stream: EventStream,
): Promise<void> {
  const pending = new Set<string>();
  let position = '';
  // Changes wait until the replay and `ready` are out, so no id is sent ahead of what it covers.
  let live = false;
  const push = coalesced(
    async () => {
      const ids = [...pending];
      const at = position;
      pending.clear();
      const rows = await findOrderSummaryRows(deps.db, restaurantId, ids);
      // Only the batch's last event carries the position: a client cut off mid-batch resumes before it.
      rows.forEach((row, index) => {
        stream.send('order', toOrderSummary(row), index === rows.length - 1 ? at : undefined);
      });
    },
    (error) => {
      deps.logger.warn({ err: error, restaurantId }, 'order stream update failed; ending the stream');
      stream.end();
    },
  );
  const following = await deps.orderFeed.follow({
    restaurantId,
    changed: (orderIds, at) => {
      for (const id of orderIds) pending.add(id);
      position = at;
      if (live) push.trigger();
    },
  });
  stream.onClose(following.stop);
  // Read the feed up to now first, so that `ready` carries a fresh position: what changed before
  // this connection is replayed (on a resume) or in the list a first connection loads after `ready`.
  await deps.orderFeed.nudge();
  // Every change below `covered` has been sent, or is in that list; later ones go out after `ready`.
  const covered = position || following.position;
  const before = [...pending];
  pending.clear();
  if (since !== undefined) {
    const missed = await restaurantChangesBetween(
      deps.db,
      restaurantId,
      since,
      following.position,
      REPLAY_LIMIT + 1,
    );
    const replay = [...new Set([...missed, ...before])];
    if (replay.length > REPLAY_LIMIT) {
      stream.send('reset', { reason: 'too_many_changes', replay_limit: REPLAY_LIMIT }, covered);
    } else {
      const rows = await findOrderSummaryRows(deps.db, restaurantId, replay);
      for (const row of rows) stream.send('order', toOrderSummary(row));
    }
  }
  stream.send('ready', { resumed: since !== undefined }, covered);
  live = true;
  if (pending.size > 0) push.trigger();
}
