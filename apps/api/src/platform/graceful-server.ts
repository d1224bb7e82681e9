import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from './logger.ts';

export interface DrainResult {
  /** Requests still running when the grace period ran out; their connections were cut. */
  cut: number;
  /** Event streams ended so their clients reconnect to another process. */
  streamsEnded: number;
}

export interface GracefulServer {
  drain(graceMs: number): Promise<DrainResult>;
}

/** An EventSource asks for `text/event-stream`; a handler may also set it with writeHead, unseen here. */
function isEventStream(req: IncomingMessage, res: ServerResponse): boolean {
  return (
    String(req.headers.accept ?? '').includes('text/event-stream') ||
    String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')
  );
}

/**
 * Tracks a server's requests so a rolling restart loses none. A drain stops accepting connections,
 * ends event streams (a stream never finishes by itself; its client resumes elsewhere with
 * Last-Event-ID), lets the other requests finish for up to `graceMs`, and only then cuts what is
 * left. A request that arrives on a kept-alive connection meanwhile is still served, with
 * `Connection: close`, since the client sent it before it could know.
 */
export function gracefulServer(server: Server, logger: Logger): GracefulServer {
  const inFlight = new Map<ServerResponse, IncomingMessage>();
  let draining = false;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    inFlight.set(res, req);
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) server.closeIdleConnections();
    });
  });

  return {
    async drain(graceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let streamsEnded = 0;
      for (const [res, req] of inFlight) {
        if (isEventStream(req, res)) {
          res.end();
          streamsEnded += 1;
        } else if (!res.headersSent) {
          res.setHeader('Connection', 'close');
        }
      }
      logger.info(
        { inFlight: inFlight.size, streamsEnded, graceMs },
        'draining: finishing requests in flight',
      );
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'closed') return { cut: 0, streamsEnded };
      const cut = inFlight.size;
      logger.warn({ cut }, 'grace period over: closing the connections of requests still running');
      server.closeAllConnections();
      await closed;
      return { cut, streamsEnded };
    },
  };
}
