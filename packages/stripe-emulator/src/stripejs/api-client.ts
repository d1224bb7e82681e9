// Runs in the browser as part of the served stripe.js: no runtime imports.
import type { PaymentIntent, StripeError } from '@stripe/stripe-js';

/** Injected when stripe.js is served: the emulator's own origin. */
declare const EMULATOR_URL: string;

export type ApiAnswer =
  | { paymentIntent: PaymentIntent; error?: undefined }
  | { paymentIntent?: undefined; error: StripeError };

/** Card data goes straight to the emulator, never to the merchant's server. */
export async function emulatorCall(
  method: 'GET' | 'POST',
  path: string,
  params: [string, string][],
): Promise<ApiAnswer> {
  const form = new URLSearchParams(params).toString();
  const url = method === 'GET' ? `${EMULATOR_URL}${path}?${form}` : `${EMULATOR_URL}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      ...(method === 'POST'
        ? { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
        : {}),
    });
  } catch {
    return { error: { type: 'api_connection_error', message: 'Could not reach the Stripe emulator.' } };
  }
  const body = (await response.json()) as { error?: StripeError } & Partial<PaymentIntent>;
  if (body.error) return { error: body.error };
  return { paymentIntent: body as PaymentIntent };
}

export function intentIdFromSecret(clientSecret: string): string {
  return clientSecret.split('_secret_')[0] ?? '';
}

export function withRedirectParams(returnUrl: string, pi: PaymentIntent, status: string): string {
  const url = new URL(returnUrl, window.location.href);
  url.searchParams.set('payment_intent', pi.id);
  url.searchParams.set('payment_intent_client_secret', pi.client_secret ?? '');
  url.searchParams.set('redirect_status', status);
  return url.toString();
}
