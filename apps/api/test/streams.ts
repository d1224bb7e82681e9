import { EventSource } from 'eventsource';

export interface StreamEvent {
  type: string;
  id: string;
  data: Record<string, unknown>;
}

export interface FollowedStream {
  events: StreamEvent[];
  /** The first event (from the start) that matches, waiting for it up to `ms`. */
  next(match: (event: StreamEvent) => boolean, what: string, ms?: number): Promise<StreamEvent>;
  /** Whether the server has ended the stream. */
  ended(): boolean;
  close(): void;
}

const TYPES = ['order', 'ready', 'reset'];

/**
 * Follows a Server-Sent Events URL with the `eventsource` package, as the storefront does:
 * headers through its fetch option. The server ending the stream is recorded, not reconnected.
 */
export function followStream(url: string, headers: Record<string, string> = {}): FollowedStream {
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const source = new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...headers } }),
  });
  const record = (type: string) => (message: { data: string; lastEventId: string }) => {
    events.push({ type, id: message.lastEventId, data: JSON.parse(message.data) as Record<string, unknown> });
    for (const wake of waiters) wake();
  };
  for (const type of TYPES) source.addEventListener(type, record(type));
  source.addEventListener('error', () => {
    // A stream the server ended (or refused) is over for the test: no reconnecting behind its back.
    ended = true;
    source.close();
    for (const wake of waiters) wake();
  });
  return {
    events,
    async next(match, what, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (ended) throw new Error(`the stream ended before ${what}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          const wake = () => {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
        });
      }
    },
    ended: () => ended,
    close: () => source.close(),
  };
}
