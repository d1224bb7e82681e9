import type { Availability } from '@repo/contracts';

/**
 * Marks dishes and options sold out since the site was built, and lifts the marks when they come
 * back. Dishes sold out at build time have no form in the page, so they stay listed as sold out.
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
    form.closest('.dish')?.classList.toggle('dish-sold-out', soldOut);
    for (const input of form.querySelectorAll<HTMLInputElement>('input[name^="group-"]')) {
      if (input.dataset.builtUnavailable === undefined)
        input.dataset.builtUnavailable = input.dataset.unavailable ?? 'false';
      const unavailable = options.has(input.value) || input.dataset.builtUnavailable === 'true';
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
