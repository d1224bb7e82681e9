const esc = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1a1f36}
.badge{display:inline-block;background:#fde68a;padding:.2rem .5rem;border-radius:.3rem;font-size:.8rem}
button{font:inherit;padding:.6rem 1.2rem;margin:.3rem .5rem 0 0;border-radius:.4rem;border:1px solid #635bff;cursor:pointer}
button[value=complete]{background:#635bff;color:#fff}
button:focus-visible{outline:3px solid #0a2540;outline-offset:2px}
</style></head><body><main>${body}</main></body></html>`;
}

export function challengePage(action: string, clientSecret: string, amount: string): string {
  return layout(
    '3D Secure test authentication',
    `<p class="badge">Stripe emulator: test double, not Stripe</p>
<h1>3D Secure test payment</h1>
<p>Authenticate the test payment of <strong>${esc(amount)}</strong>?</p>
<form method="post" action="${esc(action)}">
<input type="hidden" name="client_secret" value="${esc(clientSecret)}">
<button type="submit" name="result" value="complete" autofocus>Complete authentication</button>
<button type="submit" name="result" value="fail">Fail authentication</button>
</form>`,
  );
}

export function resultPage(status: string): string {
  return layout(
    'Authentication finished',
    `<h1>Authentication finished</h1><p role="status">Result: ${esc(status)}. You may close this window.</p>`,
  );
}
