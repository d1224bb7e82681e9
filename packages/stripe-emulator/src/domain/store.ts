import type Stripe from 'stripe';
import type { TestCard } from './cards.ts';

export interface StoredPaymentMethod {
  id: string;
  card: TestCard;
  expMonth: number;
  expYear: number;
  postalCode: string | null;
  /** What Stripe.js sent as billing details besides the postal code. */
  billing: { email: string | null; name: string | null };
  created: number;
}

export interface IdempotencyRecord {
  fingerprint: string;
  /** Undefined while the first request is still running. */
  response?: { status: number; body: unknown; requestId?: string };
}

/** Everything the emulator knows; `reset()` empties it. Insertion order = creation order. */
export class Store {
  paymentIntents = new Map<string, Stripe.PaymentIntent>();
  charges = new Map<string, Stripe.Charge>();
  refunds = new Map<string, Stripe.Refund>();
  disputes = new Map<string, Stripe.Dispute>();
  paymentMethods = new Map<string, StoredPaymentMethod>();
  events: Stripe.Event[] = [];
  idempotency = new Map<string, IdempotencyRecord>();
  /** return_url given at confirm, needed again after 3-D Secure. */
  returnUrls = new Map<string, string>();
  private timers = new Map<number, { run: () => void; timer: NodeJS.Timeout }>();
  /** Authorization expiry timers by PaymentIntent id; kept apart so settling refunds never expires a hold. */
  private holds = new Map<string, NodeJS.Timeout>();
  private nextTimer = 0;

  reset(): void {
    this.paymentIntents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.disputes.clear();
    this.paymentMethods.clear();
    this.events = [];
    this.idempotency.clear();
    this.returnUrls.clear();
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const timer of this.holds.values()) clearTimeout(timer);
    this.holds.clear();
  }

  /** Runs `expire` once the authorization on this PaymentIntent lapses, unless released first. */
  holdUntil(paymentIntentId: string, delayMs: number, expire: () => void): void {
    this.releaseHold(paymentIntentId);
    const timer = setTimeout(() => {
      this.holds.delete(paymentIntentId);
      expire();
    }, delayMs);
    timer.unref();
    this.holds.set(paymentIntentId, timer);
  }

  releaseHold(paymentIntentId: string): void {
    clearTimeout(this.holds.get(paymentIntentId));
    this.holds.delete(paymentIntentId);
  }

  /** A delayed state change (refund settling, dispute opening) that `runScheduled` can force. */
  schedule(delayMs: number, run: () => void): void {
    const id = this.nextTimer++;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      run();
    }, delayMs);
    timer.unref();
    this.timers.set(id, { run, timer });
  }

  /** Runs every scheduled change now, including any that those changes schedule. */
  runScheduled(): void {
    while (this.timers.size > 0) {
      const entries = [...this.timers.entries()];
      for (const [id, { run, timer }] of entries) {
        clearTimeout(timer);
        this.timers.delete(id);
        run();
      }
    }
  }

  chargeFor(paymentIntentId: string): Stripe.Charge | undefined {
    const pi = this.paymentIntents.get(paymentIntentId);
    const chargeId = typeof pi?.latest_charge === 'string' ? pi.latest_charge : undefined;
    return chargeId ? this.charges.get(chargeId) : undefined;
  }
}
