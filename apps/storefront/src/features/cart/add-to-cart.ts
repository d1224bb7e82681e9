import type { MenuItem } from '@repo/contracts';
import { randomId } from '../../lib/dom.ts';
import type { CartLine } from './cart-model.ts';
import { MAX_QUANTITY } from './cart-model.ts';
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

export function buildLine(item: MenuItem, form: HTMLFormElement, selected: Map<string, string[]>): CartLine {
  const data = new FormData(form);
  const quantity = Math.max(1, Math.min(MAX_QUANTITY, Number(data.get('quantity')) || 1));
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
      const line = buildLine(item, form, selected);
      cart.add(line);
      form.reset();
      for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-group-id]'))
        enforceMax(fieldset);
      announce(`Added ${line.quantity} × ${item.name} to your order.`);
    });
  }
}
