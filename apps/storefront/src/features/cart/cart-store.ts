import type { CartLine } from './cart-model.ts';
import { lineIdentity, MAX_QUANTITY } from './cart-model.ts';

const CHANGE_EVENT = 'cart:change';

const storageKey = (slug: string) => `storefront:${slug}:cart:v1`;

function isLine(value: unknown): value is CartLine {
  const line = value as Partial<CartLine> | null;
  return (
    typeof line?.menu_item_id === 'string' &&
    typeof line.key === 'string' &&
    Number.isInteger(line.quantity) &&
    Number.isInteger(line.base_price) &&
    Array.isArray(line.choices)
  );
}

/** The cart, persisted in localStorage so it survives reloads, pages and failed payments. */
export class CartStore {
  readonly #slug: string;

  constructor(slug: string) {
    this.#slug = slug;
  }

  lines(): CartLine[] {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(this.#slug)) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isLine) : [];
    } catch {
      return [];
    }
  }

  save(lines: CartLine[]): void {
    localStorage.setItem(storageKey(this.#slug), JSON.stringify(lines));
    document.dispatchEvent(new CustomEvent(CHANGE_EVENT));
  }

  /** How many of the same item, choices and notes the basket already holds. */
  quantityLike(line: Omit<CartLine, 'key' | 'quantity'>): number {
    const identity = lineIdentity(line);
    return this.lines().find((existing) => lineIdentity(existing) === identity)?.quantity ?? 0;
  }

  /** Adds a line, or grows the same one; callers check the total with checkAddedQuantity first. */
  add(line: CartLine): void {
    const lines = this.lines();
    const same = lines.find((existing) => lineIdentity(existing) === lineIdentity(line));
    if (same) same.quantity = Math.min(MAX_QUANTITY, same.quantity + line.quantity);
    else lines.push(line);
    this.save(lines);
  }

  setQuantity(key: string, quantity: number): void {
    const lines = this.lines()
      .map((line) => (line.key === key ? { ...line, quantity: Math.min(MAX_QUANTITY, quantity) } : line))
      .filter((line) => line.quantity > 0);
    this.save(lines);
  }

  clear(): void {
    localStorage.removeItem(storageKey(this.#slug));
    document.dispatchEvent(new CustomEvent(CHANGE_EVENT));
  }

  /** Calls back on changes from this tab and from other tabs. */
  subscribe(callback: () => void): void {
    document.addEventListener(CHANGE_EVENT, callback);
    window.addEventListener('storage', (event) => {
      if (event.key === storageKey(this.#slug)) callback();
    });
  }
}
