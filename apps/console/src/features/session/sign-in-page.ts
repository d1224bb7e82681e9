import { $ } from '@repo/site-kit/dom';
import { ApiProblem, ConsoleApi } from '../../lib/api.ts';
import { pageUrl, readConsoleConfig } from '../../lib/config.ts';
import { sentenceFor } from '../../lib/page.ts';
import { currentSession, safeNext, signIn } from '../../lib/session.ts';

export function startSignIn(): void {
  const config = readConsoleConfig();
  const api = new ConsoleApi(config.apiUrl);
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get('next'), config.base);
  const form = $<HTMLFormElement>('[data-sign-in-form]');
  const error = $('[data-form-error]', form);
  const email = $<HTMLInputElement>('#email', form);
  const password = $<HTMLInputElement>('#password', form);
  $('[data-signed-out]').hidden = params.get('signed_out') !== '1';

  const go = (mustChange: boolean) =>
    location.replace(mustChange ? pageUrl(config.base, 'password', { next }) : next);

  // Already signed in (another tab, a reload): straight on.
  void currentSession(api)
    .then((session) => {
      if (session) go(session.must_change_password);
    })
    .catch(() => undefined);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    email.removeAttribute('aria-invalid');
    password.removeAttribute('aria-invalid');
    if (!email.value.trim() || !password.value) {
      error.textContent = 'Enter your email and your password.';
      (email.value.trim() ? password : email).setAttribute('aria-invalid', 'true');
      (email.value.trim() ? password : email).focus();
      return;
    }
    const button = $<HTMLButtonElement>('button[type=submit]', form);
    button.disabled = true;
    try {
      const session = await signIn(api, email.value.trim(), password.value);
      go(session.must_change_password);
    } catch (failure) {
      button.disabled = false;
      error.textContent = sentenceFor(failure);
      if (failure instanceof ApiProblem && failure.type === 'invalid-credentials') {
        password.value = '';
        password.setAttribute('aria-invalid', 'true');
        password.focus();
      }
    }
  });
}
