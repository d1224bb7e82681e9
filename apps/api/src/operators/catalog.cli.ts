import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Country, MenuImport, OrderAcceptance, TimeZone } from '@repo/contracts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { upsertMenu } from '../menu/menu.repository.ts';
import { type CliCommand, UsageError } from '../platform/cli-kit.ts';
import { fieldErrors } from '../platform/http.ts';
import {
  findRestaurantBySlug,
  saveRestaurantZoneAndHours,
  upsertRestaurant,
} from '../restaurants/restaurants.repository.ts';

const optional = z.string().trim().min(1).optional();

/** The storefront's address, where emails link the diner; kept without a trailing slash. */
const SiteUrl = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. https://orders.example.com' })
  .transform((url) => url.replace(/\/+$/, ''));

const RestaurantOptions = z.object({
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lowercase letters, digits and dashes'),
  name: z.string().trim().min(1).max(120),
  currency: z.string().regex(/^[a-z]{3}$/, 'an ISO currency code in lower case, e.g. usd'),
  'tax-rate': z.coerce.number().min(0).max(100),
  'prep-time': z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  'delivery-fee': z.coerce.number().int().min(0),
  'delivery-time': z.coerce.number().int().min(0).max(600).default(30),
  delivery: z.boolean(),
  country: Country.default('US'),
  timezone: TimeZone,
  phone: optional,
  email: z.email().optional(),
  address: optional,
  'site-url': SiteUrl.optional(),
  'order-acceptance': OrderAcceptance.default('automatic'),
  'acceptance-window': z.coerce.number().int().min(1).max(240).default(10),
  update: z.boolean(),
});

function describeIssues(error: z.ZodError, where: string): string {
  const lines = fieldErrors(error).map((field) => `  ${field.path}: ${field.message}`);
  return `${where} is not valid:\n${lines.join('\n')}`;
}

/** JSON or YAML, by extension; anything else is tried as YAML (a superset of JSON). */
export function parseMenuFile(file: string, text: string): unknown {
  try {
    return path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const createRestaurant: CliCommand = {
  name: 'restaurants:create',
  usage:
    'restaurants:create --slug <slug> --name <name> [--currency usd] [--tax-rate 8.875] [--prep-time 20] [--delivery --delivery-fee 399 --delivery-time 30] [--country US] [--timezone …] [--phone …] [--email …] [--address …] [--site-url https://…] [--order-acceptance automatic|manual] [--acceptance-window 10] [--update]',
  summary:
    'Create a restaurant (tax rate in percent, fees in minor units, delivery time in minutes, country as US/CA/GB…); --update changes an existing one.',
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    currency: { type: 'string', default: 'usd' },
    'tax-rate': { type: 'string', default: '0' },
    'prep-time': { type: 'string', default: '20' },
    'delivery-fee': { type: 'string', default: '0' },
    'delivery-time': { type: 'string', default: '30' },
    delivery: { type: 'boolean', default: false },
    country: { type: 'string', default: 'US' },
    timezone: { type: 'string', default: 'UTC' },
    phone: { type: 'string' },
    email: { type: 'string' },
    address: { type: 'string' },
    'site-url': { type: 'string' },
    'order-acceptance': { type: 'string', default: 'automatic' },
    'acceptance-window': { type: 'string', default: '10' },
    update: { type: 'boolean', default: false },
  },
  async run({ db, print }, { values }) {
    const parsed = RestaurantOptions.safeParse(values);
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error, 'options'));
    const o = parsed.data;
    if (!o.update && (await findRestaurantBySlug(db, o.slug))) {
      throw new UsageError(`restaurant "${o.slug}" already exists (add --update to change it)`);
    }
    const restaurant = await upsertRestaurant(db, {
      slug: o.slug,
      name: o.name,
      currency: o.currency,
      tax_rate_ppm: Math.round(o['tax-rate'] * 10_000),
      prep_time_minutes: o['prep-time'],
      delivery_enabled: o.delivery,
      delivery_fee: o['delivery-fee'],
      delivery_time_minutes: o['delivery-time'],
      country: o.country,
      timezone: o.timezone,
      phone: o.phone ?? null,
      email: o.email ?? null,
      address: o.address ?? null,
      site_url: o['site-url'] ?? null,
      order_acceptance: o['order-acceptance'],
      acceptance_window_minutes: o['acceptance-window'],
    });
    print(
      `${o.update ? 'saved' : 'created'} restaurant "${restaurant.slug}" (${restaurant.name}), id ${restaurant.id}`,
    );
  },
};

/** The same options as restaurants:create, for a restaurant that exists; unset ones take their defaults. */
const updateRestaurant: CliCommand = {
  ...createRestaurant,
  name: 'restaurants:update',
  usage: createRestaurant.usage
    .replace('restaurants:create', 'restaurants:update')
    .replace(' [--update]', ''),
  summary: 'Change an existing restaurant, with the options of restaurants:create.',
  run: (context, args) =>
    createRestaurant.run(context, { ...args, values: { ...args.values, update: true } }),
};

export const catalogCommands: CliCommand[] = [
  createRestaurant,
  updateRestaurant,
  {
    name: 'menu:import',
    usage: 'menu:import <file.json|file.yaml> --restaurant <slug>',
    summary: 'Validate a menu file and upsert it by names (ids stay stable across re-imports).',
    options: { restaurant: { type: 'string' } },
    async run({ db, print }, { values, positionals }) {
      const [file, ...extra] = positionals;
      if (!file || extra.length > 0) throw new UsageError('give exactly one menu file');
      if (typeof values.restaurant !== 'string') throw new UsageError('--restaurant <slug> is required');
      const restaurant = await findRestaurantBySlug(db, values.restaurant);
      if (!restaurant) throw new UsageError(`no restaurant with slug "${values.restaurant}"`);
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`${file} cannot be read: ${error.code ?? error.message}`);
      });
      const parsed = MenuImport.safeParse(parseMenuFile(file, text));
      if (!parsed.success) throw new UsageError(describeIssues(parsed.error, file));
      const menu = parsed.data;
      await db.transaction().execute(async (tx) => {
        await upsertMenu(tx, restaurant.id, menu);
        await saveRestaurantZoneAndHours(tx, restaurant.id, menu);
      });
      const items = menu.categories.reduce((sum, category) => sum + category.items.length, 0);
      print(`imported ${menu.categories.length} categories and ${items} items into "${restaurant.slug}"`);
    },
  },
];
