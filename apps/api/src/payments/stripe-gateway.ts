import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import type {
  CreatePaymentIntentInput,
  CreateRefundInput,
  PaymentGateway,
  PaymentIntentSnapshot,
  RefundSnapshot,
  VerifiedEvent,
} from './payment-gateway.ts';
import {
  MalformedEventError,
  PaymentIntentMissingError,
  RefundAlreadyMadeError,
  UnknownStripeStatusError,
  WebhookSignatureError,
} from './payment-gateway.ts';
import {
  toDomainError,
  toIntentSnapshot,
  toPaymentCard,
  toRefundSnapshot,
  toVerifiedEvent,
} from './stripe-mapping.ts';

export interface StripeGatewayOptions {
  secretKey: string;
  publishableKey: string;
  webhookSecrets: string[];
  /** A non-default API base, such as the emulator. */
  apiBase?: string | undefined;
  timeoutMs?: number;
  /** Where Stripe answers this code cannot act on (an unknown status) are reported, at error level. */
  logger: Logger;
}

function connection(apiBase: string | undefined): Partial<Stripe.StripeConfig> {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}

function reportUnknownStatus(logger: Logger, problem: UnknownStripeStatusError, event?: VerifiedEvent) {
  logger.error(
    {
      object: problem.object,
      objectId: problem.objectId,
      status: problem.stripeStatus,
      ...(event ? { eventId: event.id, type: event.type } : {}),
    },
    'Stripe reported a status this API does not know; nothing was decided on it',
  );
}

/**
 * Runs a Stripe call, its errors mapped to ours. `intent` names the PaymentIntent it is about, and
 * the parameter that carries it when that is not the path: Stripe's `resource_missing` for it is a
 * PaymentIntentMissingError.
 */
async function call<T>(
  logger: Logger,
  operation: () => Promise<T>,
  intent?: { id: string; param?: string },
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof UnknownStripeStatusError) reportUnknownStatus(logger, error);
    if (
      intent !== undefined &&
      error instanceof Stripe.errors.StripeInvalidRequestError &&
      error.code === 'resource_missing' &&
      (intent.param === undefined || error.param === intent.param)
    )
      throw new PaymentIntentMissingError(intent.id);
    throw toDomainError(error);
  }
}

export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: options.timeoutMs ?? 10_000,
    ...connection(options.apiBase),
  });
  const livemode = options.secretKey.includes('_live_');
  const { logger } = options;
  const listRefunds = async (paymentIntentId: string) => {
    const page = await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 });
    return page.data.map(toRefundSnapshot);
  };
  /**
   * A cancel or capture of a PaymentIntent no longer in a state that allows it (canceled or captured
   * already, released, lapsed) reports where the intent is, for the caller to apply and decide.
   */
  const orWhereItIs = async (id: string, change: () => Promise<Stripe.PaymentIntent>) => {
    try {
      return toIntentSnapshot(await change());
    } catch (error) {
      if (
        error instanceof Stripe.errors.StripeInvalidRequestError &&
        error.code === 'payment_intent_unexpected_state'
      ) {
        return toIntentSnapshot(await stripe.paymentIntents.retrieve(id));
      }
      throw error;
    }
  };
  const verified = (payload: unknown, idWhenMissing: () => string): VerifiedEvent => {
    const result = toVerifiedEvent(payload, idWhenMissing);
    if (result.event.kind === 'unknown_status') reportUnknownStatus(logger, result.event.problem, result);
    return result;
  };

  return {
    livemode,
    publicInfo: { publishableKey: options.publishableKey, livemode },

    createPaymentIntent: (input: CreatePaymentIntentInput) =>
      call(logger, async () => {
        const intent = await stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency,
            automatic_payment_methods: { enabled: true },
            receipt_email: input.receiptEmail,
            description: `Order #${input.orderNumber} (${input.clientSlug})`,
            metadata: { order_id: input.orderId, client_slug: input.clientSlug },
            ...(input.captureMethod === 'manual' ? { capture_method: 'manual' as const } : {}),
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return toIntentSnapshot(intent);
      }),

    retrievePaymentIntent: (id: string) =>
      call(logger, async () => toIntentSnapshot(await stripe.paymentIntents.retrieve(id)), { id }),

    cancelPaymentIntent: (
      id: string,
      idempotencyKey: string,
      reason: 'abandoned' | 'requested_by_customer',
    ): Promise<PaymentIntentSnapshot> =>
      call(
        logger,
        () =>
          orWhereItIs(id, () =>
            stripe.paymentIntents.cancel(id, { cancellation_reason: reason }, { idempotencyKey }),
          ),
        { id },
      ),

    capturePaymentIntent: (id: string, amountToCapture: number | undefined, idempotencyKey: string) =>
      call(
        logger,
        () =>
          orWhereItIs(id, () =>
            stripe.paymentIntents.capture(
              id,
              amountToCapture === undefined ? {} : { amount_to_capture: amountToCapture },
              { idempotencyKey },
            ),
          ),
        { id },
      ),

    createRefund: (input: CreateRefundInput): Promise<RefundSnapshot> =>
      call(
        logger,
        async () => {
          try {
            const refund = await stripe.refunds.create(
              {
                payment_intent: input.paymentIntentId,
                amount: input.amount,
                reason: input.reason,
                metadata: { refund_id: input.ledgerId, order_id: input.orderId },
              },
              { idempotencyKey: input.idempotencyKey },
            );
            return toRefundSnapshot(refund);
          } catch (error) {
            if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
            if (error.code !== 'charge_already_refunded') throw error;
            // Stripe keeps an idempotency key for a day, so a retry after that may find this very
            // refund already made (our ledger id is in its metadata). Otherwise other refunds gave
            // the whole payment back, and the ledger must hear which ones.
            const refunds = await listRefunds(input.paymentIntentId);
            const ours = refunds.find((refund) => refund.ledgerId === input.ledgerId);
            if (ours) return ours;
            throw new RefundAlreadyMadeError(input.paymentIntentId, refunds);
          }
        },
        { id: input.paymentIntentId, param: 'payment_intent' },
      ),

    listRefunds: (paymentIntentId: string) =>
      call(logger, () => listRefunds(paymentIntentId), { id: paymentIntentId, param: 'payment_intent' }),

    retrievePaymentCard: (paymentIntentId: string) =>
      call(
        logger,
        async () => {
          const intent = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] });
          return toPaymentCard(intent.latest_charge);
        },
        { id: paymentIntentId },
      ),

    readStoredEvent: (payload: unknown, id: string) => verified(payload, () => id),

    verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): VerifiedEvent {
      if (!signatureHeader) throw new WebhookSignatureError('Missing Stripe-Signature header.');
      let lastError: unknown;
      for (const secret of options.webhookSecrets) {
        let payload: unknown;
        try {
          payload = stripe.webhooks.constructEvent(rawBody, signatureHeader, secret);
        } catch (error) {
          lastError = error;
          if (error instanceof Stripe.errors.StripeSignatureVerificationError) continue;
          // The signature matched but the body could not be read: not JSON, or a thin event. The
          // parser's message quotes the body, so it stays out of the logs and the answer.
          throw new MalformedEventError(
            [{ path: '(body)', message: 'is not a Stripe event in JSON' }],
            'The signed body is not a Stripe event.',
          );
        }
        // Stripe's events all have an id; a signed body without one is named after its bytes.
        return verified(payload, () => `unidentified_${createHash('sha256').update(rawBody).digest('hex')}`);
      }
      throw new WebhookSignatureError(lastError instanceof Error ? lastError.message : 'Invalid signature.');
    },
  };
}

export function stripeGatewayFromConfig(config: Config, logger: Logger): PaymentGateway | undefined {
  if (!config.STRIPE_SECRET_KEY) return undefined;
  return createStripeGateway({
    secretKey: config.STRIPE_SECRET_KEY,
    publishableKey: config.STRIPE_PUBLISHABLE_KEY ?? 'pk_test_unset',
    webhookSecrets: config.STRIPE_WEBHOOK_SECRETS ?? [],
    apiBase: config.STRIPE_API_BASE,
    logger,
  });
}
