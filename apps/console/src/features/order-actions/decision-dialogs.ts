import type { OperatorOrderView } from '@repo/contracts';
import { formatMoney } from '@repo/contracts/browser';
import { $ } from '@repo/site-kit/dom';
import { newIdempotencyKey } from '../../lib/api.ts';
import { moneyInputValue } from '../../lib/money.ts';
import type { ConsoleContext } from '../../lib/page.ts';
import { acceptRequestOf, rejectReasonOf } from './accept-form.ts';
import { orderAction } from './order-actions.ts';

/** What the dialogs need to know of the order they decide. */
export interface DecisionTarget {
  order_id: string;
  order_number: number;
  customer_name: string;
  total: number;
}

export interface DecisionDialogs {
  accept(target: DecisionTarget): void;
  reject(target: DecisionTarget): void;
}

function markInvalid(form: HTMLFormElement, field: string | null): void {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  if (!field) return;
  const input = form.querySelector<HTMLInputElement>(`[name=${field}]`);
  input?.setAttribute('aria-invalid', 'true');
  input?.focus();
}

/**
 * The accept and reject dialogs of the page (AcceptDialog.astro, RejectDialog.astro). Each opening
 * gets one Idempotency-Key, so pressing the button again after a failure can never act twice.
 */
export function decisionDialogs(
  context: ConsoleContext,
  done: (view: OperatorOrderView) => void,
): DecisionDialogs {
  const { api, restaurant } = context;
  const { currency } = restaurant;
  const acceptDialog = $<HTMLDialogElement>('[data-accept-dialog]');
  const rejectDialog = $<HTMLDialogElement>('[data-reject-dialog]');
  const acceptForm = $<HTMLFormElement>('[data-accept-form]', acceptDialog);
  const rejectForm = $<HTMLFormElement>('[data-reject-form]', rejectDialog);
  let target: DecisionTarget | null = null;
  let key = newIdempotencyKey();

  for (const dialog of [acceptDialog, rejectDialog])
    for (const close of dialog.querySelectorAll('[data-close]'))
      close.addEventListener('click', () => dialog.close());

  const captureLess = $<HTMLInputElement>('[data-capture-less]', acceptForm);
  captureLess.addEventListener('change', () => {
    $('[data-capture-field]', acceptForm).hidden = !captureLess.checked;
    if (captureLess.checked) $<HTMLInputElement>('[name=amount]', acceptForm).focus();
  });
  rejectForm.addEventListener('change', () => {
    const other = rejectForm.querySelector<HTMLInputElement>('[name=reason]:checked')?.value === 'other';
    $('[data-other-reason]', rejectForm).hidden = !other;
  });

  const open = (dialog: HTMLDialogElement, form: HTMLFormElement, order: DecisionTarget) => {
    target = order;
    key = newIdempotencyKey();
    form.reset();
    markInvalid(form, null);
    $('[data-form-error]', form).textContent = '';
    $('[data-field=number]', form).textContent = `#${order.order_number}`;
    $('[data-field=summary]', form).textContent =
      `${order.customer_name}, ${formatMoney(order.total, currency)}`;
    for (const hidden of form.querySelectorAll<HTMLElement>('[data-capture-field], [data-other-reason]'))
      hidden.hidden = true;
    dialog.showModal();
  };

  const submit = async (
    form: HTMLFormElement,
    dialog: HTMLDialogElement,
    send: (order: DecisionTarget) => Promise<OperatorOrderView> | null,
  ) => {
    if (!target) return;
    const button = $<HTMLButtonElement>('button[type=submit]', form);
    const pending = send(target);
    if (!pending) return;
    button.disabled = true;
    try {
      const view = await pending;
      dialog.close();
      done(view);
    } catch (error) {
      $('[data-form-error]', form).textContent = context.sentence(error);
    } finally {
      button.disabled = false;
    }
  };

  acceptForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(acceptForm, acceptDialog, (order) => {
      const data = new FormData(acceptForm);
      const checked = acceptRequestOf(
        {
          readyIn: String(data.get('ready_in') ?? ''),
          captureLess: captureLess.checked,
          amount: String(data.get('amount') ?? ''),
        },
        order.total,
        currency,
      );
      markInvalid(acceptForm, checked.ok ? null : checked.field);
      $('[data-form-error]', acceptForm).textContent = checked.ok ? '' : checked.error;
      return checked.ok
        ? orderAction(api, restaurant.slug, order.order_id, 'accept', checked.value, key)
        : null;
    });
  });
  rejectForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(rejectForm, rejectDialog, (order) => {
      const data = new FormData(rejectForm);
      const checked = rejectReasonOf(String(data.get('reason') ?? ''), String(data.get('other') ?? ''));
      markInvalid(rejectForm, checked.ok ? null : checked.field);
      $('[data-form-error]', rejectForm).textContent = checked.ok ? '' : checked.error;
      return checked.ok
        ? orderAction(api, restaurant.slug, order.order_id, 'reject', { reason: checked.value }, key)
        : null;
    });
  });

  return {
    accept(order) {
      open(acceptDialog, acceptForm, order);
      $<HTMLInputElement>('[name=ready_in]', acceptForm).value = String(restaurant.prepMinutes || 20);
      $<HTMLInputElement>('[name=amount]', acceptForm).value = moneyInputValue(order.total, currency);
      $('[data-field=total]', acceptForm).textContent = formatMoney(order.total, currency);
    },
    reject(order) {
      open(rejectDialog, rejectForm, order);
    },
  };
}
