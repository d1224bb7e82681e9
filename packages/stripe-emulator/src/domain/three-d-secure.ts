import type Stripe from 'stripe';
import type { Domain } from './context.ts';

/**
 * What a card that needs 3-D Secure asks for. Stripe answers `redirect_to_url` when a return_url was
 * given and the caller did not ask to handle the action with Stripe.js (`use_stripe_sdk`); otherwise
 * `use_stripe_sdk`, whose contents are private to Stripe's SDKs. Here both point at the emulator's page.
 */
export function authenticationAction(
  domain: Domain,
  pi: Stripe.PaymentIntent,
  useStripeSdk: boolean,
): Stripe.PaymentIntent.NextAction {
  const url = `${domain.baseUrl()}/_emulator/3ds/${pi.id}?client_secret=${encodeURIComponent(pi.client_secret ?? '')}`;
  const returnUrl = domain.store.returnUrls.get(pi.id);
  if (returnUrl !== undefined && !useStripeSdk) {
    return { type: 'redirect_to_url', redirect_to_url: { url, return_url: returnUrl } };
  }
  return { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url } };
}
