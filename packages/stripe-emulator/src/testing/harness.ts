import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startEmulator } from '../emulator.ts';
import type { Emulator, EmulatorOptions } from '../types.ts';

export interface Harness {
  emulator: Emulator;
  stripe: Stripe;
}

/** An emulator on an ephemeral port with fast retries/settling, and the official SDK pointed at it. */
export async function startHarness(opts: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({
    retryScheduleMs: [20, 40, 80],
    refundSettleMs: 30,
    webhookTimeoutMs: 2000,
    ...opts,
  });
  const stripe = new Stripe(emulator.secretKey, { ...emulator.stripeConfig, maxNetworkRetries: 0 });
  return { emulator, stripe };
}

export async function waitFor<T>(
  probe: () => T | undefined | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface Received {
  raw: string;
  signature: string;
  event: Stripe.Event | null;
  verified: boolean;
}

/** A webhook endpoint that verifies every delivery with stripe.webhooks.constructEvent. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Status to answer for the n-th delivery (1-based); 0 leaves the request hanging. Defaults to 200. */
  respond: (attempt: number) => number = () => 200;
  secret: string;
  private server: http.Server | null = null;
  private readonly stripe = new Stripe('sk_test_receiver');
  url = '';

  constructor(secret: string) {
    this.secret = secret;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const signature = String(req.headers['stripe-signature'] ?? '');
        let event: Stripe.Event | null = null;
        try {
          event = this.stripe.webhooks.constructEvent(raw, signature, this.secret);
        } catch {
          event = null;
        }
        this.received.push({ raw, signature, event, verified: event !== null });
        const status = event ? this.respond(this.received.length) : 400;
        if (status === 0) return;
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks`;
    return this.url;
  }

  types(): string[] {
    return this.received.map((r) => r.event?.type ?? 'unverified');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}
