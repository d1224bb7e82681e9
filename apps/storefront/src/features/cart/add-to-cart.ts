import type { MenuItem } from '@repo/contracts';
import { randomId } from '@repo/site-kit/dom';
import { type CartLine, checkAddedQuantity, checkQuantity } from './cart-model.ts';
import { checkChoices } from './cart-rules.ts';
import type { CartStore } from './cart-store.ts';

function selectedByGroup(form: HTMLFormElement, item: MenuItem): Map<string, string[]> {
  const data = new FormData(form);
  return new Map(
    item.modifier_groups.map((group) => [group.id, data.getAll(`group-${group.id}`).map(String)]),
  );
}

function showGroupErrors(form: HTMLFormElement, item: MenuItem, selected: Map<string, string[]>): boolean {
  const problems = checkChoices(item, selected);
  for (const group of item.modifier_groups) {
    const fieldset = form.querySelector<HTMLFieldSetElement>(`[data-group-id="${group.id}"]`);
    const message = problems.find((problem) => problem.group_id === group.id)?.message ?? '';
    fieldset?.toggleAttribute('data-invalid', Boolean(message));
    const error = fieldset?.querySelector<HTMLElement>('.group-error');
    if (error) error.textContent = message;
  }
  const first = problems[0];
  if (first)
    form.querySelector<HTMLInputElement>(`[data-group-id="${first.group_id}"] input:not(:disabled)`)?.focus();
  return problems.length === 0;
}

/** At the group's max, the other checkboxes are disabled, as the API would refuse more. */
function enforceMax(fieldset: HTMLFieldSetElement): void {
  const max = Number(fieldset.dataset.max);
  const boxes = [...fieldset.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  const full = boxes.filter((box) => box.checked).length >= max;
  for (const box of boxes) {
    if (box.dataset.unavailable === 'true') continue;
    box.disabled = full && !box.checked;
  }
}

/** Refuses a quantity in place, next to its input, and moves focus there; true when it is fine. */
function showQuantityError(form: HTMLFormElement, message: string | null): boolean {
  const input = form.querySelector<HTMLInputElement>('input[name="quantity"]');
  const error = form.querySelector<HTMLElement>('[data-quantity-error]');
  if (error) error.textContent = message ?? '';
  if (input) {
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  if (message) input?.focus();
  return message === null;
}

/** What the quantity input holds; a number input the browser could not read (`2e`) is refused too. */
function typedQuantity(form: HTMLFormElement): string {
  const input = form.querySelector<HTMLInputElement>('input[name="quantity"]');
  if (!input) return '1';
  return input.validity.badInput ? 'not a number' : input.value;
}

export function buildLine(
  item: MenuItem,
  form: HTMLFormElement,
  selected: Map<string, string[]>,
  quantity: number,
): CartLine {
  const data = new FormData(form);
  return {
    key: randomId(),
    menu_item_id: item.id,
    name: item.name,
    base_price: item.price,
    quantity,
    notes: String(data.get('notes') ?? '').trim(),
    choices: item.modifier_groups
      .map((group) => ({
        group_id: group.id,
        group_name: group.name,
        modifiers: group.modifiers
          .filter((modifier) => selected.get(group.id)?.includes(modifier.id))
          .map(({ id, name, price_delta }) => ({ id, name, price_delta })),
      }))
      .filter((group) => group.modifiers.length > 0),
  };
}

export function wireAddForms(
  items: ReadonlyMap<string, MenuItem>,
  cart: CartStore,
  announce: (text: string) => void,
): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-add-item]')) {
    const item = items.get(form.dataset.addItem ?? '');
    if (!item) continue;
    const quantity = form.querySelector<HTMLInputElement>('input[name="quantity"]');
    quantity?.addEventListener('input', () => {
      if (quantity.hasAttribute('aria-invalid')) {
        const typed = checkQuantity(typedQuantity(form));
        showQuantityError(form, typed.ok ? null : typed.message);
      }
    });
    for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-group-id]')) {
      fieldset.addEventListener('change', () => {
        enforceMax(fieldset);
        if (fieldset.hasAttribute('data-invalid')) showGroupErrors(form, item, selectedByGroup(form, item));
      });
    }
    // A dish sold out (when the site was built, or since) stays disabled until availability says it is back.
    const soldOut = () => form.closest('.dish')?.classList.contains('dish-sold-out') === true;
    if (!soldOut()) form.querySelector<HTMLButtonElement>('button[type=submit]')?.removeAttribute('disabled');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (soldOut()) return;
      const selected = selectedByGroup(form, item);
      if (!showGroupErrors(form, item, selected)) return;
      const typed = checkQuantity(typedQuantity(form));
      if (!typed.ok) return void showQuantityError(form, typed.message);
      const line = buildLine(item, form, selected, typed.quantity);
      const joined = checkAddedQuantity(cart.quantityLike(line), line.quantity);
      if (!joined.ok) return void showQuantityError(form, joined.message);
      showQuantityError(form, null);
      cart.add(line);
      form.reset();
      for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-group-id]'))
        enforceMax(fieldset);
      form.closest('dialog')?.close();
      announce(`Added ${line.quantity} × ${item.name} to your order.`);
    });
  }
}
