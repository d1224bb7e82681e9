import type { OperatorOrderView, RefundReason, RefundView } from '@repo/contracts';
import { formatMoney, parseMoney } from '@repo/contracts/browser';
import { $, el } from '@repo/site-kit/dom';
import { clientPath, newIdempotencyKey } from '../../lib/api.ts';
import type { ConsoleContext } from '../../lib/page.ts';
import { type LinePick, refundForLines } from './refund-lines.ts';

const REASON_WORDS: Record<RefundReason, string> = {
  requested_by_customer: 'The customer asked',
  duplicate: 'A duplicate order',
  fraudulent: 'Fraud',
};

interface Planned {
  amount: number;
  reason: RefundReason;
  note: string;
  lines: string;
}

/** What the form asks for now: an amount and how it was reached, or what is missing. */
function plan(form: HTMLFormElement, order: OperatorOrderView): { planned: Planned | null; text: string } {
  const data = new FormData(form);
  const currency = order.amounts.currency;
  const money = (minor: number) => formatMoney(minor, currency);
  const refundable = order.payment.refundable_amount;
  const reason = String(data.get('reason')) as RefundReason;
  const note = String(data.get('note') ?? '').trim();
  if (data.get('mode') === 'amount') {
    const amount = parseMoney(String(data.get('amount') ?? ''), currency);
    if (amount === null || amount < 1)
      return { planned: null, text: 'Enter the amount to refund, such as 6.95.' };
    if (amount > refundable)
      return { planned: null, text: `That is more than the ${money(refundable)} still refundable.` };
    return { planned: { amount, reason, note, lines: '' }, text: `Refund ${money(amount)}.` };
  }
  const picks: LinePick[] = order.items.map((_, line) => ({
    line,
    quantity: Number(data.get(`line-${line}`) ?? 0) || 0,
  }));
  const refund = refundForLines(order, picks, refundable);
  if (refund.items === 0) return { planned: null, text: 'Choose how many of which items to refund.' };
  const lines = picks
    .filter((pick) => pick.quantity > 0)
    .map((pick) => `${pick.quantity} × ${order.items[pick.line]?.name ?? ''}`)
    .join(', ');
  const text = `Refund ${money(refund.amount)}: items ${money(refund.items)} + tax ${money(refund.tax)}${
    refund.capped ? `, cut to the ${money(refundable)} still refundable` : ''
  }.`;
  if (refund.amount < 1) return { planned: null, text: 'Nothing is left to refund on this order.' };
  return { planned: { amount: refund.amount, reason, note, lines }, text };
}

/**
 * The refund form and its confirmation: by amount, or by choosing lines (amount computed and shown
 * as it changes). The Idempotency-Key is made when the confirmation opens, so "Refund" pressed
 * twice, or again after a network failure, refunds once.
 */
export function refundForm(
  context: ConsoleContext,
  getOrder: () => OperatorOrderView,
  refunded: (refund: RefundView) => void,
): { reset(order: OperatorOrderView): void } {
  const form = $<HTMLFormElement>('[data-refund-form]');
  const dialog = $<HTMLDialogElement>('[data-refund-dialog]');
  const computed = $('[data-refund-computed]', form);
  const error = $('[data-form-error]', form);
  let planned: Planned | null = null;
  let key = newIdempotencyKey();

  const update = () => {
    const order = getOrder();
    const byAmount = new FormData(form).get('mode') === 'amount';
    $('[data-refund-lines]', form).hidden = byAmount;
    $('[data-refund-amount]', form).hidden = !byAmount;
    const result = plan(form, order);
    planned = result.planned;
    computed.textContent = result.text;
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
    error.textContent = planned ? '' : computed.textContent;
    if (!planned) return;
    const order = getOrder();
    const money = (minor: number) => formatMoney(minor, order.amounts.currency);
    key = newIdempotencyKey();
    $('[data-field="confirm-amount"]', dialog).textContent = money(planned.amount);
    $('[data-field="confirm-text"]', dialog).textContent =
      `${money(planned.amount)} goes back to ${order.customer.name}'s card. This cannot be undone.`;
    const details = $('[data-field="confirm-details"]', dialog);
    details.replaceChildren(
      ...[
        ['Items', planned.lines],
        ['Reason', REASON_WORDS[planned.reason]],
        ['Note', noteOf(planned)],
      ]
        .filter(([, value]) => value)
        .flatMap(([term, value]) => [el('dt', { text: term ?? '' }), el('dd', { text: value ?? '' })]),
    );
    $('[data-form-error]', dialog).textContent = '';
    dialog.showModal();
  });

  $('[data-close]', dialog).addEventListener('click', () => dialog.close());
  const confirm = $<HTMLButtonElement>('[data-confirm-refund]', dialog);
  confirm.addEventListener('click', async () => {
    if (!planned) return;
    confirm.disabled = true;
    try {
      const order = getOrder();
      const note = noteOf(planned);
      const refund = await context.api.request<RefundView>(
        'POST',
        clientPath(context.restaurant.slug, `orders/${order.order_id}/refunds`),
        {
          body: { amount: planned.amount, reason: planned.reason, ...(note ? { note } : {}) },
          idempotencyKey: key,
        },
      );
      dialog.close();
      refunded(refund);
    } catch (failure) {
      $('[data-form-error]', dialog).textContent = context.sentence(failure);
    } finally {
      confirm.disabled = false;
    }
  });

  return {
    reset(order) {
      form.reset();
      error.textContent = '';
      $('[data-field="refundable"]', form).textContent = formatMoney(
        order.payment.refundable_amount,
        order.amounts.currency,
      );
      $('[data-field="refund-lines"]', form).replaceChildren(
        ...order.items.map((line, index) => {
          const id = `refund-line-${index}`;
          const options = line.modifiers.map((m) => m.name).join(', ');
          return el(
            'tr',
            {},
            el('td', {}, el('label', { for: id, text: `${line.name}${options ? ` (${options})` : ''}` })),
            el('td', { text: String(line.quantity) }),
            el(
              'td',
              {},
              el('input', {
                id,
                name: `line-${index}`,
                type: 'number',
                min: '0',
                max: String(line.quantity),
                value: '0',
                inputmode: 'numeric',
              }),
            ),
          );
        }),
      );
      form.hidden = order.payment.refundable_amount === 0;
      update();
    },
  };
}

/** The ledger's note: what the person wrote, and which items a refund by lines took back. */
function noteOf(planned: Planned): string {
  return [planned.note, planned.lines ? `Items: ${planned.lines}` : '']
    .filter(Boolean)
    .join(' · ')
    .slice(0, 500);
}
