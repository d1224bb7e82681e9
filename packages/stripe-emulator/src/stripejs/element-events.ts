// Runs in the browser as part of the served stripe.js: no runtime imports.

export type ElementHandler = (event: object) => void;

export interface ElementEvents {
  on(type: string, handler: ElementHandler): void;
  off(type: string, handler?: ElementHandler): void;
  emit(type: string, event: object): void;
  clear(): void;
}

/** The on/off/emit every stand-in element shares; `ready` fires after mount, as in Stripe.js. */
export function elementEvents(): ElementEvents {
  const handlers = new Map<string, ElementHandler[]>();
  return {
    on(type, handler) {
      handlers.set(type, [...(handlers.get(type) ?? []), handler]);
    },
    off(type, handler) {
      handlers.set(type, handler ? (handlers.get(type) ?? []).filter((h) => h !== handler) : []);
    },
    emit(type, event) {
      for (const handler of handlers.get(type) ?? []) handler(event);
    },
    clear() {
      handlers.clear();
    },
  };
}

/** Mounts `root` into a selector or node, and fires `ready` once the browser has painted it. */
export function mountInto(target: string | HTMLElement, root: HTMLElement, ready: () => void): void {
  const container = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
  if (!container) throw new Error(`stripe-emulator: no element matches ${String(target)}`);
  container.append(root);
  setTimeout(ready, 0);
}

/** Focus and blur events for a group of inputs, reported once per entry into or exit from the group. */
export function reportFocus(root: HTMLElement, events: ElementEvents, elementType: string): void {
  root.addEventListener('focusin', (event) => {
    if (!root.contains(event.relatedTarget as Node | null)) events.emit('focus', { elementType });
  });
  root.addEventListener('focusout', (event) => {
    if (!root.contains(event.relatedTarget as Node | null)) events.emit('blur', { elementType });
  });
}
