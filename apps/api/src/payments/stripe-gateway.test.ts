import type Stripe from 'stripe';
import { stripeTargets, uniqueOrderId } from '../../test/stripe-targets.ts';
import { PaymentDeclinedError, ValidationError } from '../platform/errors.ts';
import { type PaymentGateway, PaymentIntentMissingError } from './payment-gateway.ts';
import { toDomainError } from './stripe-mapping.ts';

describe.each(stripeTargets().map((target) => [target.name, target] as const))(
  'payment gateway against %s',
  (_name, target) => {
    let gateway: PaymentGateway;
    let sdk: Stripe;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ gateway, sdk, close } = await target.open());
    });
    afterAll(() => close());

    const open = (amount = 2_500) => {
      const orderId = uniqueOrderId();
      return gateway.createPaymentIntent({
        orderId,
        clientSlug: 'demo',
        orderNumber: 1001,
        amount,
        currency: 'usd',
        receiptEmail: 'ada@example.com',
        idempotencyKey: `order-${orderId}-payment-intent`,
      });
    };

    it('when an intent is created twice with one idempotency key, then the same intent comes back', async () => {
      const orderId = uniqueOrderId();
      const input = {
        orderId,
        clientSlug: 'demo',
        orderNumber: 7,
        amount: 1_234,
        currency: 'usd',
        receiptEmail: 'a@b.co',
        idempotencyKey: `order-${orderId}`,
      };
      const first = await gateway.createPaymentIntent(input);
      const second = await gateway.createPaymentIntent(input);
      expect(second.id).toBe(first.id);
      expect(first).toMatchObject({
        amount: 1_234,
        currency: 'usd',
        status: 'requires_payment_method',
        orderId,
        clientSlug: 'demo',
        livemode: false,
      });
      expect(first.clientSecret).toMatch(/_secret_/);
    });

    it('when the intent is paid with pm_card_visa, then the snapshot shows it succeeded with the amount received', async () => {
      const intent = await open();
      await sdk.paymentIntents.confirm(intent.id, {
        payment_method: 'pm_card_visa',
        return_url: 'https://example.com/return',
      });
      expect(await gateway.retrievePaymentIntent(intent.id)).toMatchObject({
        status: 'succeeded',
        amountReceived: 2_500,
        lastPaymentError: null,
      });
    });

    it('when an intent is paid by card, then its card is read from the latest charge: brand and last four', async () => {
      const unpaid = await open();
      expect(await gateway.retrievePaymentCard(unpaid.id)).toBeNull();
      const returnUrl = 'https://example.com/return';
      await sdk.paymentIntents.confirm(unpaid.id, {
        payment_method: 'pm_card_mastercard',
        return_url: returnUrl,
      });
      expect(await gateway.retrievePaymentCard(unpaid.id)).toEqual({ brand: 'mastercard', last4: '4444' });
      const visa = await open();
      await sdk.paymentIntents.confirm(visa.id, { payment_method: 'pm_card_visa', return_url: returnUrl });
      expect(await gateway.retrievePaymentCard(visa.id)).toEqual({ brand: 'visa', last4: '4242' });
    });

    it('when the card is declined, then the error maps to a 402 and the intent carries the message', async () => {
      const intent = await open();
      const error = await sdk.paymentIntents
        .confirm(intent.id, {
          payment_method: 'pm_card_chargeDeclined',
          return_url: 'https://example.com/return',
        })
        .catch((e: unknown) => e);
      const mapped = toDomainError(error);
      expect(mapped).toBeInstanceOf(PaymentDeclinedError);
      expect((mapped as PaymentDeclinedError).extensions).toMatchObject({ code: 'card_declined' });
      const after = await gateway.retrievePaymentIntent(intent.id);
      expect(after.status).toBe('requires_payment_method');
      expect(after.lastPaymentError).toMatch(/declined/i);
    });

    it('when an intent is canceled twice, then the second answers the canceled intent instead of failing', async () => {
      const intent = await open();
      expect(await gateway.cancelPaymentIntent(intent.id, `cancel-${intent.id}`, 'abandoned')).toMatchObject({
        status: 'canceled',
        cancellationReason: 'abandoned',
      });
      expect(
        (await gateway.cancelPaymentIntent(intent.id, `cancel-${intent.id}-again`, 'abandoned')).status,
      ).toBe('canceled');
    });

    it('when a paid intent is refunded, then the refund carries our ledger id and lists under the intent', async () => {
      const intent = await open();
      await sdk.paymentIntents.confirm(intent.id, {
        payment_method: 'pm_card_visa',
        return_url: 'https://example.com/return',
      });
      const ledgerId = uniqueOrderId();
      const refund = await gateway.createRefund({
        paymentIntentId: intent.id,
        amount: 700,
        reason: 'requested_by_customer',
        ledgerId,
        orderId: intent.orderId!,
        idempotencyKey: `refund-${ledgerId}`,
      });
      expect(refund).toMatchObject({
        paymentIntentId: intent.id,
        amount: 700,
        ledgerId,
        status: 'succeeded',
      });
      expect((await gateway.listRefunds(intent.id)).map((r) => r.id)).toEqual([refund.id]);
    });

    it('when the amount is below the card minimum, then the refusal is a 4xx validation error', async () => {
      await expect(open(10)).rejects.toBeInstanceOf(ValidationError);
    });

    it('when Stripe does not know an intent, then reading, canceling or refunding it says so with a PaymentIntentMissingError', async () => {
      const id = 'pi_3ZZZZZZZZZZZZZZZZZZZZZZZ';
      await expect(gateway.retrievePaymentIntent(id)).rejects.toMatchObject({
        constructor: PaymentIntentMissingError,
        paymentIntentId: id,
      });
      await expect(
        gateway.cancelPaymentIntent(id, `cancel-${uniqueOrderId()}`, 'requested_by_customer'),
      ).rejects.toBeInstanceOf(PaymentIntentMissingError);
      const orderId = uniqueOrderId();
      await expect(
        gateway.createRefund({
          paymentIntentId: id,
          amount: 500,
          reason: 'requested_by_customer',
          ledgerId: orderId,
          orderId,
          idempotencyKey: `refund-${orderId}`,
        }),
      ).rejects.toMatchObject({ constructor: PaymentIntentMissingError, status: 409 });
    });
  },
);
