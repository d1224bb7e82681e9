import type { Request, Response } from 'express';

/** How long a client waits before reconnecting after the stream ends (the SSE `retry` field). */
const RECONNECT_MS = 2_000;

export interface EventStream {
  /** Writes one event; `id` becomes the client's Last-Event-ID when it reconnects. */
  send(event: string, data: unknown, id?: string): void;
  end(): void;
  readonly closed: boolean;
  onClose(listener: () => void): void;
}

/** A `Last-Event-ID` the client sent back, or undefined on a first connection. */
export function lastEventId(req: Request): string | undefined {
  const value = req.get('Last-Event-ID');
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Opens a Server-Sent Events response: no caching, no proxy buffering, and a comment every
 * `keepAliveMs` so proxies and load balancers keep the idle connection open.
 */
export function openEventStream(req: Request, res: Response, keepAliveMs = 15_000): EventStream {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  req.socket.setNoDelay(true);
  res.write(`retry: ${RECONNECT_MS}\n\n`);
  const listeners: (() => void)[] = [];
  let closed = false;
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
  keepAlive.unref();
  res.once('close', () => {
    closed = true;
    clearInterval(keepAlive);
    for (const listener of listeners.splice(0)) listener();
  });
  return {
    send(event, data, id) {
      if (closed) return;
      res.write(`event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (!closed) res.end();
    },
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
