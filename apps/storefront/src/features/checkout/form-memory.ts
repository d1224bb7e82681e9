const key = (slug: string) => `storefront:${slug}:checkout-form:v1`;

/**
 * Keeps what the diner typed (never card data: that lives in Stripe's element) for this tab, so
 * "Try again" after a failed payment returns to a filled form and the same order body.
 */
export function rememberForm(form: HTMLFormElement, slug: string): void {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key(slug)) ?? '{}') as Record<string, string>;
    for (const [name, value] of Object.entries(saved)) {
      const fields = form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        `[name="${CSS.escape(name)}"]`,
      );
      for (const field of fields) {
        if (field instanceof HTMLInputElement && field.type === 'radio')
          field.checked = field.value === value;
        else field.value = value;
      }
    }
  } catch {
    sessionStorage.removeItem(key(slug));
  }
  form.addEventListener('input', () => {
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
    sessionStorage.setItem(key(slug), JSON.stringify(values));
  });
}

export function forgetForm(slug: string): void {
  sessionStorage.removeItem(key(slug));
}
