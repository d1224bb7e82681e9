import type Stripe from 'stripe';
import { newId, nowSeconds, randomToken } from '../ids.ts';
import type { DeclineDetails, TestCard } from './cards.ts';
import type { StoredPaymentMethod } from './store.ts';

const NULL_ADDRESS = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

const RISK_SCORE = { normal: 20, elevated: 70, highest: 95 } as const;

function outcome(card: TestCard, failure: DeclineDetails | null): Stripe.Charge.Outcome {
  const risk = card.risk ?? 'normal';
  if (failure?.declineCode === 'fraudulent') {
    return {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'not_sent_to_network',
      reason: 'highest_risk_level',
      risk_level: risk,
      risk_score: RISK_SCORE[risk],
      seller_message: 'Stripe blocked this payment as too risky.',
      type: 'blocked',
    };
  }
  return {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: failure ? 'declined_by_network' : 'approved_by_network',
    reason: failure ? failure.declineCode : risk === 'elevated' ? 'elevated_risk_level' : null,
    risk_level: risk,
    risk_score: RISK_SCORE[risk],
    seller_message: failure
      ? 'The bank did not return any further details with this decline.'
      : 'Payment complete.',
    type: failure ? 'issuer_declined' : 'authorized',
  };
}

/** How long Stripe lets a customer-initiated card authorization wait for capture. */
export const AUTHORIZATION_VALIDITY_SECONDS = 7 * 24 * 3600;

function cardDetails(
  { pi, pm, threeDSecure, failure, authorizeOnly }: NewCharge,
  created: number,
): Stripe.Charge.PaymentMethodDetails.Card {
  return {
    amount_authorized: failure ? null : pi.amount,
    authorization_code: null,
    brand: pm.card.brand,
    ...(authorizeOnly ? { capture_before: created + AUTHORIZATION_VALIDITY_SECONDS } : {}),
    checks: {
      address_line1_check: null,
      address_postal_code_check: pm.postalCode ? 'pass' : null,
      cvc_check: pm.card.cvcCheck ?? 'pass',
    },
    country: 'US',
    electronic_commerce_indicator: null,
    exp_month: pm.expMonth,
    exp_year: pm.expYear,
    extended_authorization: { status: 'disabled' },
    fingerprint: `emu${pm.card.number.slice(-8)}`,
    funding: pm.card.funding ?? 'credit',
    incremental_authorization: { status: 'unavailable' },
    installments: null,
    last4: pm.card.number.slice(-4),
    mandate: null,
    multicapture: { status: 'unavailable' },
    network: pm.card.brand,
    network_token: { used: false },
    network_transaction_id: null,
    overcapture: { maximum_amount_capturable: 0, status: 'unavailable' },
    regulated_status: 'unregulated',
    transaction_link_id: null,
    three_d_secure: threeDSecure
      ? {
          authentication_flow: 'challenge',
          electronic_commerce_indicator: '05',
          exemption_indicator: null,
          result: 'authenticated',
          result_reason: null,
          transaction_id: randomToken(32),
          version: '2.2.0',
        }
      : null,
    wallet: null,
  };
}

export interface NewCharge {
  pi: Stripe.PaymentIntent;
  pm: StoredPaymentMethod;
  threeDSecure: boolean;
  failure: DeclineDetails | null;
  /** Manual capture: the card is authorized and the money held, not yet taken. */
  authorizeOnly: boolean;
}

export function buildCharge(input: NewCharge): Stripe.Charge {
  const { pi, pm, failure } = input;
  const id = newId('ch');
  const created = nowSeconds();
  const succeeded = failure === null;
  const captured = succeeded && !input.authorizeOnly;
  return {
    id,
    object: 'charge',
    amount: pi.amount,
    amount_captured: captured ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: captured ? newId('txn') : null,
    billing_details: {
      address: { ...NULL_ADDRESS, postal_code: pm.postalCode },
      email: pm.billing.email,
      name: pm.billing.name,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: 'EMULATOR* RESTAURANT',
    captured,
    created,
    currency: pi.currency,
    customer: null,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: outcome(pm.card, failure),
    paid: succeeded,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: { card: cardDetails(input, created), type: 'card' },
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  } satisfies Stripe.Charge;
}
