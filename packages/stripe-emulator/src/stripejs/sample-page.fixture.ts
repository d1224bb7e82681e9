/**
 * A page using Stripe.js the way Stripe's accept-a-payment sample does (written here, not copied):
 * Link authentication, payment, address and express checkout elements on one Elements instance,
 * confirmPayment to a return page that reads the intent back with retrievePaymentIntent.
 */
export function samplePage(stripeJsUrl: string, publishableKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payment</title>
<script src="${stripeJsUrl}"></script></head><body><main><h1>Payment</h1>
<form id="payment-form">
<div id="express-checkout-element"></div><div id="link-authentication-element"></div>
<div id="address-element"></div><div id="payment-element"></div>
<button id="submit">Pay now</button><div id="error-message" role="alert"></div></form>
<ol id="log"></ol></main>
<script>
const log = (line) => { const li = document.createElement('li'); li.textContent = line; document.querySelector('#log').append(li); };
const stripe = Stripe(${JSON.stringify(publishableKey)}, { apiVersion: '2025-12-15.clover' });
const clientSecret = new URLSearchParams(location.search).get('client_secret');
const elements = stripe.elements({ clientSecret, appearance: { theme: 'stripe' } });
const express = elements.create('expressCheckout');
express.on('ready', (e) => log('express ready: ' + (e.availablePaymentMethods === undefined ? 'none' : 'some')));
express.mount('#express-checkout-element');
const link = elements.create('linkAuthentication', { defaultValues: { email: '' } });
link.on('change', (e) => log('email ' + (e.complete ? 'complete' : 'incomplete') + ': ' + e.value.email));
link.mount('#link-authentication-element');
const address = elements.create('address', { mode: 'shipping' });
address.mount('#address-element');
const payment = elements.create('payment', { layout: 'tabs' });
payment.on('focus', () => log('payment focus'));
payment.on('blur', () => log('payment blur'));
payment.on('ready', () => { window.ready = true; });
payment.mount('#payment-element');
elements.update({ locale: 'en' });
log('getElement(payment) ' + (elements.getElement('payment') === payment));
let submitted = false;
document.querySelector('#payment-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (submitted) return;
  submitted = true;
  document.querySelector('#submit').disabled = true;
  const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: location.origin + '/return' } });
  if (error) {
    document.querySelector('#error-message').textContent = error.message;
    submitted = false;
    document.querySelector('#submit').disabled = false;
  }
});
</script></body></html>`;
}

export function returnPage(stripeJsUrl: string, publishableKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Return</title>
<script src="${stripeJsUrl}"></script></head><body><p id="status">loading</p>
<script>
const stripe = Stripe(${JSON.stringify(publishableKey)});
const secret = new URLSearchParams(location.search).get('payment_intent_client_secret');
stripe.retrievePaymentIntent(secret).then(({ error, paymentIntent }) => {
  document.querySelector('#status').textContent = error ? error.message : 'Payment ' + paymentIntent.status + ': ' + paymentIntent.id;
});
</script></body></html>`;
}
