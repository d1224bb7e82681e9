import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A merchant page for browser tests: loads the emulator's stripe.js and mounts a payment element. */
export function checkoutPage(stripeJsUrl: string, publishableKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout</title>
<script src="${stripeJsUrl}"></script></head><body>
<form id="checkout"><div id="payment-element"></div><button id="pay" type="submit">Pay</button><p id="error" role="alert"></p></form>
<script>
const query = new URLSearchParams(location.search);
const clientSecret = query.get('client_secret');
const deferred = query.has('deferred');
const stripe = Stripe(${JSON.stringify(publishableKey)});
const elements = deferred ? stripe.elements({ mode: 'payment', amount: 1000, currency: 'usd' }) : stripe.elements({ clientSecret });
if (deferred) elements.update({ amount: 1999 });
const paymentElement = elements.create('payment');
window.changes = [];
paymentElement.on('change', (e) => window.changes.push(e));
paymentElement.on('ready', () => { window.ready = true; });
paymentElement.mount('#payment-element');
document.querySelector('#checkout').addEventListener('submit', async (event) => {
  event.preventDefault();
  const submitted = await elements.submit();
  if (submitted.error) { document.querySelector('#error').textContent = submitted.error.message; return; }
  if (deferred) {
    const result = await stripe.confirmPayment({ elements, clientSecret, redirect: 'if_required' });
    const retrieved = await stripe.retrievePaymentIntent(clientSecret);
    document.querySelector('#error').textContent = result.error ? result.error.message : 'status:' + retrieved.paymentIntent.status;
    return;
  }
  const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: location.origin + '/done' } });
  if (error) document.querySelector('#error').textContent = error.message;
});
</script></body></html>`;
}

/** Serves `html` for every path, except `/done` and the paths `pages` names. */
export async function serveCheckout(
  html: string,
  pages: Record<string, string> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const page =
      pages[path] ?? (path === '/done' ? '<!doctype html><title>Done</title><h1>Thanks</h1>' : html);
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
