import { $ } from '@repo/site-kit/dom';
import { startPage } from '../../lib/page.ts';
import { changePassword, safeNext } from '../../lib/session.ts';
import { newPasswordProblem } from './password-rules.ts';

export async function startPasswordPage(): Promise<void> {
  const context = await startPage({ passwordPage: true });
  if (!context) return;
  const { api, config, session } = context;
  const form = $<HTMLFormElement>('[data-password-form]');
  const error = $('[data-form-error]', form);
  const field = (name: string) => $<HTMLInputElement>(`[name=${name}]`, form);
  const forced = session.must_change_password;
  $('[data-must-change]').hidden = !forced;
  if (forced) $('[data-password-title]').textContent = 'Choose a new password';
  form.hidden = false;
  field('current').focus();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problem = newPasswordProblem(field('current').value, field('next').value, field('repeat').value);
    error.textContent = problem ?? '';
    if (problem) return;
    const button = $<HTMLButtonElement>('button[type=submit]', form);
    button.disabled = true;
    try {
      await changePassword(api, field('current').value, field('next').value);
      form.reset();
      if (forced) {
        location.replace(safeNext(new URLSearchParams(location.search).get('next'), config.base));
        return;
      }
      $('[data-password-done]').textContent = 'Your password is changed. Your other devices are signed out.';
      button.disabled = false;
    } catch (failure) {
      button.disabled = false;
      error.textContent = context.sentence(failure);
    }
  });
}
