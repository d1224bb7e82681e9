import type { OrderSummary } from '@repo/contracts';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface LiveHandlers {
  /** The stream is (again) connected: load the list, events upsert after it. */
  ready(): void;
  order(order: OrderSummary): void;
  state(state: LiveState): void;
}

/**
 * The API's order stream (`GET …/orders/events`). EventSource reconnects by itself and sends
 * `Last-Event-ID`, so the server replays what changed meanwhile; `closed` means it gave up (the
 * session ended, or the server refused the stream), and the caller decides what to do.
 */
export function openLiveStream(url: string, handlers: LiveHandlers): () => void {
  const source = new EventSource(url, { withCredentials: true });
  handlers.state('connecting');
  source.addEventListener('ready', () => {
    handlers.state('live');
    handlers.ready();
  });
  // Too much changed while away to replay: the list is loaded again.
  source.addEventListener('reset', () => handlers.ready());
  source.addEventListener('order', (event) => {
    try {
      handlers.order(JSON.parse((event as MessageEvent<string>).data) as OrderSummary);
    } catch {
      // A line that is not an order summary is ignored; the next list load brings the truth.
    }
  });
  source.addEventListener('error', () => {
    handlers.state(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  });
  return () => source.close();
}
