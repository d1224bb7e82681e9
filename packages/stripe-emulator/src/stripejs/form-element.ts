// Runs in the browser as part of the served stripe.js: no runtime imports.
import { type ElementHandler, elementEvents, mountInto, reportFocus } from './element-events.ts';

export interface FieldSpec {
  field: string;
  label: string;
  autocomplete: string;
  required: boolean;
}

export interface FieldError {
  field: string;
  message: string;
}

/** What every stand-in element offers a merchant page, plus `validate` for elements.submit(). */
export interface StandInElement {
  mount(target: string | HTMLElement): void;
  unmount(): void;
  destroy(): void;
  on(type: string, handler: ElementHandler): StandInElement;
  off(type: string, handler?: ElementHandler): StandInElement;
  update(options: object): void;
  focus(): void;
  blur(): void;
  clear(): void;
  validate(): FieldError[];
}

export interface FormElement extends StandInElement {
  values(): Record<string, string>;
}

let formCount = 0;

/**
 * A labelled group of text inputs (the Link authentication email, the address form). `check` turns
 * the values into errors; `describe` shapes the `change` event's value, as Stripe.js does per type.
 */
export function formElement(
  elementType: string,
  fields: FieldSpec[],
  defaults: Record<string, string>,
  check: (values: Record<string, string>) => FieldError[],
  describe: (values: Record<string, string>) => object,
): FormElement {
  const uid = `emu-${elementType}-${++formCount}`;
  const events = elementEvents();
  const root = document.createElement('div');
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', `${elementType} (Stripe emulator test form)`);
  root.style.cssText = 'display:grid;gap:8px;font:14px system-ui,sans-serif;margin-bottom:12px';
  const inputs: Record<string, HTMLInputElement> = {};
  const errors: Record<string, HTMLElement> = {};
  for (const spec of fields) {
    const id = `${uid}-${spec.field}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = spec.label;
    const input = document.createElement('input');
    Object.assign(input, { id, type: 'text', value: defaults[spec.field] ?? '' });
    input.autocomplete = spec.autocomplete as AutoFill;
    input.setAttribute('aria-describedby', `${id}-error`);
    input.style.cssText = 'display:block;width:100%;box-sizing:border-box;padding:8px;font:inherit';
    const error = document.createElement('p');
    Object.assign(error, { id: `${id}-error` });
    error.setAttribute('role', 'alert');
    error.style.cssText = 'color:#df1b41;margin:4px 0 0;min-height:1.2em;font-size:13px';
    const wrap = document.createElement('div');
    wrap.append(label, input, error);
    root.append(wrap);
    inputs[spec.field] = input;
    errors[spec.field] = error;
  }
  const values = () => Object.fromEntries(fields.map((f) => [f.field, inputs[f.field]?.value.trim() ?? '']));
  const show = (found: FieldError[]) => {
    for (const spec of fields) {
      const message = found.find((e) => e.field === spec.field)?.message ?? '';
      (errors[spec.field] as HTMLElement).textContent = message;
      inputs[spec.field]?.setAttribute('aria-invalid', message ? 'true' : 'false');
    }
  };
  root.addEventListener('input', () => {
    const current = values();
    const empty = Object.values(current).every((v) => v === '');
    events.emit('change', {
      elementType,
      empty,
      complete: check(current).length === 0,
      ...describe(current),
    });
  });
  reportFocus(root, events, elementType);

  const element: FormElement = {
    mount: (target) => mountInto(target, root, () => events.emit('ready', { elementType })),
    unmount: () => root.remove(),
    destroy() {
      root.remove();
      events.clear();
    },
    on(type, handler) {
      events.on(type, handler);
      return element;
    },
    off(type, handler) {
      events.off(type, handler);
      return element;
    },
    update() {},
    focus: () => inputs[fields[0]?.field ?? '']?.focus(),
    blur: () => (document.activeElement as HTMLElement | null)?.blur(),
    clear() {
      for (const input of Object.values(inputs)) input.value = '';
    },
    validate() {
      const found = check(values());
      show(found);
      if (found[0]) inputs[found[0].field]?.focus();
      return found;
    },
    values,
  };
  return element;
}
