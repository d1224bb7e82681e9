export interface FieldError {
  path: string;
  message: string;
}

/** "delivery_address.postal_code" → "delivery-address-postal-code": the id of the input for that path. */
export function fieldIdFor(path: string): string {
  if (path.startsWith('items')) return 'cart-summary';
  return path.replaceAll(/[._]/g, '-');
}

export function clearFieldErrors(root: ParentNode): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-error-for]')) node.textContent = '';
  for (const node of root.querySelectorAll<HTMLElement>('[aria-invalid="true"]'))
    node.removeAttribute('aria-invalid');
}

/** Shows each message next to its field and moves focus to the first one; unmatched ones are returned. */
export function showFieldErrors(root: ParentNode, errors: readonly FieldError[]): FieldError[] {
  const unmatched: FieldError[] = [];
  let first: HTMLElement | null = null;
  for (const error of errors) {
    const id = fieldIdFor(error.path);
    const slot = root.querySelector<HTMLElement>(`[data-error-for="${id}"]`);
    if (!slot) {
      unmatched.push(error);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${error.message}` : error.message;
    const field = document.getElementById(id);
    field?.setAttribute('aria-invalid', 'true');
    first ??= field;
  }
  first?.focus();
  return unmatched;
}
