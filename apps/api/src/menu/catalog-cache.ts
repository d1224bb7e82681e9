import type { MenuCategory } from '@repo/contracts';
import { LRUCache } from 'lru-cache';
import type { Restaurant } from '../platform/db/schema.ts';

/** A restaurant and its live menu as of one catalog version (see the catalog-version migration). */
export interface Catalog {
  restaurant: Restaurant;
  menu: MenuCategory[];
}

/**
 * The catalogs this process last read, by slug. An entry may be stale: whoever prices against it
 * must place the order only if `restaurant.catalog_version` is still current, in the same statement,
 * and forget the entry when it is not.
 */
export class CatalogCache {
  readonly #entries = new LRUCache<string, Catalog>({ max: 1_000 });

  get(slug: string): Catalog | undefined {
    return this.#entries.get(slug);
  }

  remember(catalog: Catalog): void {
    const known = this.#entries.get(catalog.restaurant.slug);
    // Reads race: never replace a newer version with an older one.
    if (known && known.restaurant.catalog_version > catalog.restaurant.catalog_version) return;
    this.#entries.set(catalog.restaurant.slug, catalog);
  }

  forget(slug: string): void {
    this.#entries.delete(slug);
  }
}
