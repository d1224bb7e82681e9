import pg from 'pg';

/** Stops listening. */
export type Unlisten = () => Promise<void>;

/**
 * Calls `onNotify` for each notification on `channel` (delivered at the sender's commit), and once
 * more after every (re)connection, when notifications may have been missed.
 */
export type Listen = (channel: string, onNotify: () => void) => Promise<Unlisten>;

const RECONNECT_MS = 1_000;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). A lost
 * connection is reopened every second until it is back; the caller polls meanwhile.
 */
export function postgresListener(config: pg.ClientConfig, onError: (error: Error) => void): Listen {
  return async (channel, onNotify) => {
    let client: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    let closed = false;

    const reconnectLater = () => {
      if (closed || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, RECONNECT_MS);
      retry.unref();
    };
    const connect = async () => {
      const next = new pg.Client(config);
      next.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      next.on('error', onError);
      next.on('end', () => {
        if (client === next) client = undefined;
        reconnectLater();
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
      } catch (error) {
        onError(error as Error);
        await next.end().catch(() => undefined);
        reconnectLater();
        return;
      }
      if (closed) {
        await next.end().catch(() => undefined);
        return;
      }
      client = next;
      onNotify();
    };

    await connect();
    return async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  };
}
