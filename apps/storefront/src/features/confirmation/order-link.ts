import { rememberOrder } from '../checkout/order-storage.ts';

/**
 * The order link of the confirmation email, `/order-confirmation#order=<id>&token=<token>`: the token
 * rides in the fragment, which browsers never send to a server, so no access log holds it. The page
 * keeps it as if this browser had placed the order, then drops it from the address bar (and from
 * the history entry), leaving `?order_id=<id>`. Returns the linked order's id, or null without a link.
 */
export function takeOrderLink(slug: string): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const orderId = fragment.get('order');
  const token = fragment.get('token');
  if (!orderId || !token) return null;
  rememberOrder(slug, { order_id: orderId, order_token: token });
  const url = new URL(window.location.href);
  url.hash = '';
  url.searchParams.set('order_id', orderId);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}`);
  return orderId;
}

/** The link for an order, in the format the emails use. */
export function orderLink(origin: string, orderId: string, token: string): string {
  const fragment = new URLSearchParams({ order: orderId, token });
  return `${origin}/order-confirmation#${fragment.toString()}`;
}
