import type { OperatorOrderView } from '@repo/contracts';
import { formatMoney } from '@repo/contracts/browser';
import { $, el } from '@repo/site-kit/dom';
import { newIdempotencyKey } from '../../lib/api.ts';
import { pageUrl } from '../../lib/config.ts';
import { type ConsoleContext, showPageMessage, startPage } from '../../lib/page.ts';
import { roleAllows } from '../../lib/session.ts';
import { nextStep } from '../board/board-model.ts';
import { decisionDialogs } from '../order-actions/decision-dialogs.ts';
import { getOrder, orderAction } from '../order-actions/order-actions.ts';
import { renderOrder } from './order-view.ts';
import { refundForm } from './refund-form.ts';

export async function startOrderPage(): Promise<void> {
  const context = await startPage();
  if (!context) return;
  const orderId = new URLSearchParams(location.search).get('id') ?? '';
  const loading = $('[data-order-loading]');
  if (!orderId) {
    loading.textContent = 'No order was chosen. Pick one on the board or in the orders list.';
    return;
  }
  const root = $('[data-order]');
  const message = $('[data-order-message]');
  const done = $('[data-order-done]');
  let order: OperatorOrderView;

  const show = (view: OperatorOrderView) => {
    order = view;
    document.title = `Order #${view.order_number} · Restaurant console`;
    renderOrder(root, view, context.restaurant.timezone);
    renderActions(context, view, actions);
    refunds.reset(view);
    $('[data-role-hint]').hidden = roleAllows(context.session.staff.role, 'manager');
    root.hidden = false;
    loading.hidden = true;
  };
  const reload = async () => show(await getOrder(context.api, context.restaurant.slug, orderId));
  const after = (text: string) => async () => {
    message.textContent = '';
    await reload();
    done.textContent = text;
  };

  const dialogs = decisionDialogs(context, (view) => {
    show(view);
    done.textContent = view.status === 'cancelled' ? 'The order was rejected.' : 'The order was accepted.';
  });
  const refunds = refundForm(
    context,
    () => order,
    (refund) => {
      const amount = formatMoney(refund.amount, refund.currency);
      void after(
        refund.status === 'succeeded'
          ? `Refunded ${amount} to the diner's card.`
          : `The refund of ${amount} is ${refund.status === 'pending' ? 'pending at Stripe' : refund.status}.`,
      )();
    },
  );
  const cancel = cancelDialog(context, () => order, show, done);
  const actions: OrderActions = {
    accept: () => dialogs.accept(targetOf(order)),
    reject: () => dialogs.reject(targetOf(order)),
    cancel,
    move: async (status, button) => {
      button.disabled = true;
      message.textContent = '';
      try {
        show(await orderAction(context.api, context.restaurant.slug, order.order_id, 'status', { status }));
        done.textContent = `The order is now ${status}.`;
        $<HTMLElement>('[data-order-actions] button').focus();
      } catch (error) {
        button.disabled = false;
        message.textContent = context.sentence(error);
      }
    },
  };

  try {
    await reload();
  } catch (error) {
    loading.hidden = true;
    showPageMessage(context.sentence(error));
  }
}

interface OrderActions {
  accept(): void;
  reject(): void;
  cancel(): void;
  move(status: 'preparing' | 'ready' | 'completed', button: HTMLButtonElement): Promise<void>;
}

const targetOf = (order: OperatorOrderView) => ({
  order_id: order.order_id,
  order_number: order.order_number,
  customer_name: order.customer.name,
  total: order.amounts.total,
});

function renderActions(context: ConsoleContext, order: OperatorOrderView, actions: OrderActions): void {
  const root = $('[data-order-actions]');
  const step = nextStep(order.status);
  const buttons: HTMLButtonElement[] = [];
  const make = (label: string, className: string, run: (button: HTMLButtonElement) => void) => {
    const button = el('button', { type: 'button', class: `btn ${className}` }, label);
    button.addEventListener('click', () => run(button));
    buttons.push(button);
  };
  if (step.kind === 'decide') {
    make('Accept…', 'btn-go', actions.accept);
    make('Reject…', 'btn-danger', actions.reject);
  } else if (step.kind === 'kitchen') {
    make(step.label, 'btn-go', (button) => void actions.move(step.status, button));
  }
  if (order.status !== 'completed' && order.status !== 'cancelled' && order.status !== 'awaiting_acceptance')
    make('Cancel the order…', 'btn-danger', actions.cancel);
  const back = el('a', { class: 'btn', href: pageUrl(context.config.base, '') }, 'Back to the board');
  root.replaceChildren(...buttons, back);
}

function cancelDialog(
  context: ConsoleContext,
  current: () => OperatorOrderView,
  show: (view: OperatorOrderView) => void,
  done: HTMLElement,
): () => void {
  const dialog = $<HTMLDialogElement>('[data-cancel-dialog]');
  const form = $<HTMLFormElement>('[data-cancel-form]', dialog);
  const error = $('[data-form-error]', form);
  let key = newIdempotencyKey();
  $('[data-close]', form).addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    const input = $<HTMLInputElement>('[name=reason]', form);
    if (!reason) {
      error.textContent = 'Say why the order is cancelled.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    const button = $<HTMLButtonElement>('button[type=submit]', form);
    button.disabled = true;
    try {
      show(
        await orderAction(
          context.api,
          context.restaurant.slug,
          current().order_id,
          'cancel',
          { reason },
          key,
        ),
      );
      dialog.close();
      done.textContent = 'The order was cancelled; what was paid is refunded.';
    } catch (failure) {
      error.textContent = context.sentence(failure);
    } finally {
      button.disabled = false;
    }
  });
  return () => {
    const order = current();
    key = newIdempotencyKey();
    form.reset();
    error.textContent = '';
    $('[data-field="number"]', form).textContent = `#${order.order_number}`;
    $('[data-field="cancel-text"]', form).textContent =
      order.payment.refundable_amount > 0
        ? `Everything still paid, ${formatMoney(order.payment.refundable_amount, order.amounts.currency)}, is refunded to ${order.customer.name}'s card.`
        : 'Nothing was charged, so nothing needs refunding.';
    dialog.showModal();
  };
}
