import type { Availability } from '@repo/contracts';

/**
 * Marks the dishes and options sold out now, and lifts the marks from those back on sale, whatever
 * they were when the site was built: the live availability decides, never the build.
 */
export function applyToMenu(availability: Availability): void {
  const items = new Set(availability.sold_out.items);
  const options = new Set(availability.sold_out.options);
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-add-item]')) {
    const soldOut = items.has(form.dataset.addItem ?? '');
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) {
      button.disabled = soldOut;
      button.textContent = soldOut ? 'Sold out' : 'Add to order';
    }
    const dish = form.closest('.dish');
    dish?.classList.toggle('dish-sold-out', soldOut);
    const tag = dish?.querySelector<HTMLElement>('.sold-out-tag');
    if (tag) tag.hidden = !soldOut;
    for (const input of form.querySelectorAll<HTMLInputElement>('input[name^="group-"]')) {
      const unavailable = options.has(input.value);
      input.dataset.unavailable = String(unavailable);
      if (unavailable) input.checked = false;
      input.disabled = unavailable;
      input.closest('.choice')?.classList.toggle('unavailable', unavailable);
    }
    // The add-to-cart script re-applies each group's maximum on change.
    for (const fieldset of form.querySelectorAll('fieldset[data-group-id]'))
      fieldset.dispatchEvent(new Event('change'));
  }
}
