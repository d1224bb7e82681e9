import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through to the Stripe emulator that can withhold its answers to PaymentIntent creations:
 * Stripe has made the PaymentIntent, and the API never hears so. Killing the API then lands between
 * its Stripe call and its commit.
 */
export interface StripeProxy {
  url: string;
  /** While on, each `POST /v1/payment_intents` reaches Stripe and its answer is kept back. */
  withhold: boolean;
  /** How many answers have been kept back. */
  withheld(): number;
  close(): Promise<void>;
}

export async function startStripeProxy(target: string): Promise<StripeProxy> {
  const upstream = new URL(target);
  const held: ServerResponse[] = [];
  const proxy: StripeProxy = {
    url: '',
    withhold: false,
    withheld: () => held.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (proxy.withhold && req.method === 'POST' && req.url === '/v1/payment_intents') {
          answer.resume();
          held.push(res);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
