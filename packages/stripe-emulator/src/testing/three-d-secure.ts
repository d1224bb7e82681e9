import type Stripe from 'stripe';

/** Submits the emulator's 3-D Secure page the way its buttons do; returns the redirect target. */
export async function answerThreeDSecure(
  pi: Stripe.PaymentIntent,
  result: 'complete' | 'fail',
): Promise<URL | null> {
  const sdk = pi.next_action?.use_stripe_sdk as { stripe_js?: string } | undefined;
  const pageUrl = pi.next_action?.redirect_to_url?.url ?? sdk?.stripe_js;
  if (!pageUrl) throw new Error(`${pi.id} has no 3-D Secure next_action`);
  const target = new URL(pageUrl);
  const response = await fetch(new URL(target.pathname, target), {
    method: 'POST',
    body: new URLSearchParams({ client_secret: pi.client_secret ?? '', result }),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  const location = response.headers.get('location');
  return location ? new URL(location) : null;
}
