import type { DinerOrderView } from '@repo/contracts';
import { EventSource } from 'eventsource';
import { orderUrl, type SiteConfig } from '../../lib/site-config.ts';

export interface OrderStream {
  close(): void;
}

export interface OrderStreamHandlers {
  /** The order as it stands: at once, then after every change. */
  onView(order: DinerOrderView): void;
  /** The stream could not be opened or was refused for good: the caller polls instead. */
  onFailed(): void;
}

/**
 * Follows the order over the API's event stream (Server-Sent Events), the token in a header rather
 * than the URL, so it never reaches a log. A dropped connection is resumed by the EventSource; the
 * stream is closed here once the order is final, and the server ends it too.
 */
export function followOrderStream(
  config: Pick<SiteConfig, 'apiUrl' | 'slug'>,
  orderId: string,
  token: string,
  handlers: OrderStreamHandlers,
): OrderStream {
  const source = new EventSource(`${orderUrl(config, orderId)}/events`, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, 'X-Order-Token': token } }),
  });
  let closed = false;
  const close = () => {
    closed = true;
    source.close();
  };
  source.addEventListener('order', (message) => {
    if (closed) return;
    const order = JSON.parse(message.data) as DinerOrderView;
    if (order.final) close();
    handlers.onView(order);
  });
  source.addEventListener('error', () => {
    // A refused stream (404, a proxy answering something else) is closed for good: poll instead.
    if (closed || source.readyState !== source.CLOSED) return;
    closed = true;
    handlers.onFailed();
  });
  return { close };
}
