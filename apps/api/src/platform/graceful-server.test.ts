import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gracefulServer } from './graceful-server.ts';
import { createLogger } from './logger.ts';

const logger = createLogger({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

/** A server whose /slow answers when the test says, and whose /events is an open event stream. */
async function startServer() {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived: () => void = () => {};
  const slowArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server: Server = createServer((req, res) => {
    if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('retry: 1000\n\n');
      return;
    }
    if (req.url === '/slow') {
      arrived();
      void released.then(() => res.end('finished'));
      return;
    }
    res.end('ok');
  });
  const graceful = gracefulServer(server, logger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, graceful, url, release, slowArrived };
}

describe('graceful drain', () => {
  it('when a request is in flight, then it completes, new connections are refused, and the drain ends after it', async () => {
    const { graceful, url, release, slowArrived } = await startServer();
    const slow = fetch(`${url}/slow`).then((res) => res.text());
    await slowArrived;

    const drained = graceful.drain(10_000);
    await expect(fetch(`${url}/`)).rejects.toThrow();
    release();

    await expect(slow).resolves.toBe('finished');
    await expect(drained).resolves.toEqual({ cut: 0, streamsEnded: 0 });
  });

  it('when an event stream is open, then the drain ends it at once rather than waiting for it', async () => {
    const { graceful, url } = await startServer();
    const stream = await fetch(`${url}/events`, { headers: { accept: 'text/event-stream' } });
    const body = stream.text();

    await expect(graceful.drain(10_000)).resolves.toEqual({ cut: 0, streamsEnded: 1 });
    await expect(body).resolves.toBe('retry: 1000\n\n');
  });

  it('when a request outlives the grace period, then its connection is cut and the drain still ends', async () => {
    const { graceful, url, slowArrived } = await startServer();
    const slow = fetch(`${url}/slow`).then((res) => res.text());
    await slowArrived;

    await expect(graceful.drain(50)).resolves.toEqual({ cut: 1, streamsEnded: 0 });
    await expect(slow).rejects.toThrow();
  });
});
