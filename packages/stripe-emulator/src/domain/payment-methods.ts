import type Stripe from 'stripe';
import { ApiError, invalidRequest, resourceMissing } from '../errors.ts';
import { newId, nowSeconds } from '../ids.ts';
import { lookupCard, luhnValid } from './cards.ts';
import { optionalObject, type Params } from './params.ts';
import type { Store, StoredPaymentMethod } from './store.ts';
import { TEST_PAYMENT_METHODS } from './test-cards.data.ts';

function cardError(code: string, message: string, param: string): ApiError {
  return new ApiError(402, { type: 'card_error', code, message, param });
}

type NewPaymentMethod = Omit<StoredPaymentMethod, 'id' | 'card' | 'created'> & { number: string };

function store(store: Store, { number, ...rest }: NewPaymentMethod) {
  const pm: StoredPaymentMethod = {
    id: newId('pm'),
    card: lookupCard(number),
    created: nowSeconds(),
    ...rest,
  };
  store.paymentMethods.set(pm.id, pm);
  return pm;
}

/** Raw card details as Stripe.js sends them in payment_method_data[card][...]. */
function fromCardData(s: Store, data: Params): StoredPaymentMethod {
  if (data.type !== 'card')
    throw invalidRequest(
      'Only card payment methods are supported.',
      'parameter_invalid_string',
      'payment_method_data[type]',
    );
  const card = optionalObject(data, 'card') ?? {};
  const number = String(card.number ?? '').replace(/\D/g, '');
  if (!luhnValid(number)) throw cardError('incorrect_number', 'Your card number is incorrect.', 'number');
  const expMonth = Number(card.exp_month);
  const rawYear = Number(card.exp_year);
  const expYear = rawYear < 100 ? 2000 + rawYear : rawYear;
  if (!(expMonth >= 1 && expMonth <= 12))
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  const now = new Date();
  if (!(expYear > now.getFullYear() || (expYear === now.getFullYear() && expMonth >= now.getMonth() + 1))) {
    throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
  }
  if (!/^\d{3,4}$/.test(String(card.cvc ?? '')))
    throw cardError('invalid_cvc', "Your card's security code is invalid.", 'cvc');
  const billing = optionalObject(data, 'billing_details');
  const address = billing ? optionalObject(billing, 'address') : undefined;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return store(s, {
    number,
    expMonth,
    expYear,
    postalCode: text(address?.postal_code),
    billing: { email: text(billing?.email), name: text(billing?.name) },
  });
}

/** The PaymentMethod a confirm names, creating one for pm_card_* test ids and raw card data. */
export function resolvePaymentMethod(s: Store, params: Params): StoredPaymentMethod | undefined {
  const data = optionalObject(params, 'payment_method_data');
  if (data) return fromCardData(s, data);
  const id = params.payment_method;
  if (id === undefined || id === '') return undefined;
  if (typeof id !== 'string')
    throw invalidRequest('Invalid payment_method', 'parameter_invalid_string', 'payment_method');
  const testNumber = TEST_PAYMENT_METHODS[id];
  if (testNumber) {
    const expYear = new Date().getFullYear() + 3;
    return store(s, {
      number: testNumber,
      expMonth: 12,
      expYear,
      postalCode: null,
      billing: { email: null, name: null },
    });
  }
  const existing = s.paymentMethods.get(id);
  if (!existing) throw resourceMissing('PaymentMethod', id, 'payment_method');
  return existing;
}

export function paymentMethodObject(pm: StoredPaymentMethod): Stripe.PaymentMethod {
  return {
    id: pm.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postal_code: pm.postalCode,
        state: null,
      },
      email: pm.billing.email,
      name: pm.billing.name,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: pm.card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'unchecked' },
      country: 'US',
      display_brand: pm.card.brand,
      exp_month: pm.expMonth,
      exp_year: pm.expYear,
      fingerprint: `emu${pm.card.number.slice(-8)}`,
      funding: pm.card.funding ?? 'credit',
      generated_from: null,
      last4: pm.card.number.slice(-4),
      networks: { available: [pm.card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: pm.created,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  } satisfies Stripe.PaymentMethod;
}
