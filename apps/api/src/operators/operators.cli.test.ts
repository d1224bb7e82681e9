import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../test/cli.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorApi } from '../../test/operators.ts';
import { UsageError } from '../platform/cli-kit.ts';
import { provisionDemoOperatorKey } from './demo-key.ts';
import { operatorCommands } from './operators.cli.ts';

let ctx: TestContext;
let dir: string;
let printed: string[];
beforeAll(async () => {
  ctx = await createTestContext();
  dir = await mkdtemp(path.join(tmpdir(), 'menu-'));
});
afterAll(() => ctx.close());
beforeEach(() => {
  printed = [];
});

function cli(name: string, values: Record<string, string | boolean | undefined>, positionals: string[] = []) {
  return runCli(ctx, operatorCommands, (line) => printed.push(line), name, values, positionals);
}

const restaurant = {
  slug: 'soup-co',
  name: 'Soup Co',
  currency: 'usd',
  'tax-rate': '8.875',
  'prep-time': '15',
};
const defaults = { 'delivery-fee': '299', delivery: true, timezone: 'UTC', update: false };

describe('operator CLI', () => {
  it('when a restaurant is created, then it is stored with its settings, and creating it again is refused', async () => {
    await cli('restaurants:create', { ...restaurant, ...defaults });
    const row = await ctx.db
      .selectFrom('restaurants')
      .selectAll()
      .where('slug', '=', 'soup-co')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      tax_rate_ppm: 88_750,
      prep_time_minutes: 15,
      delivery_fee: 299,
      delivery_enabled: true,
      delivery_time_minutes: 30,
      country: 'US',
    });
    await expect(cli('restaurants:create', { ...restaurant, ...defaults })).rejects.toThrow(/already exists/);
    await expect(
      cli('restaurants:create', { ...restaurant, ...defaults, currency: 'USD', slug: 'x y' }),
    ).rejects.toThrow(/slug: .*\n.*currency/s);
  });

  it('when a restaurant is updated to manual acceptance, then its menu says so and its window is kept', async () => {
    await cli('restaurants:create', { ...restaurant, slug: 'late-co', ...defaults });
    await cli('restaurants:update', {
      ...restaurant,
      slug: 'late-co',
      ...defaults,
      'order-acceptance': 'manual',
      'acceptance-window': '15',
    });
    const row = await ctx.db
      .selectFrom('restaurants')
      .selectAll()
      .where('slug', '=', 'late-co')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ order_acceptance: 'manual', acceptance_window_minutes: 15 });
    await cli('restaurants:update', {
      ...restaurant,
      slug: 'late-co',
      ...defaults,
      country: 'ca',
      'delivery-time': '45',
    });
    await expect(
      ctx.db.selectFrom('restaurants').selectAll().where('slug', '=', 'late-co').executeTakeFirstOrThrow(),
    ).resolves.toMatchObject({ country: 'CA', delivery_time_minutes: 45 });
    await expect(
      cli('restaurants:update', { ...restaurant, slug: 'late-co', ...defaults, country: 'XX' }),
    ).rejects.toThrow(/country/);
    await expect(
      cli('restaurants:update', { ...restaurant, slug: 'late-co', ...defaults, 'order-acceptance': 'maybe' }),
    ).rejects.toThrow(/order-acceptance/);
  });

  it('when a restaurant is given a site URL, then its emails link there (no trailing slash); a URL that is not http(s) is refused', async () => {
    await cli('restaurants:create', {
      ...restaurant,
      slug: 'site-co',
      ...defaults,
      'site-url': 'https://orders.site-co.example/',
    });
    const siteUrl = () =>
      ctx.db
        .selectFrom('restaurants')
        .select('site_url')
        .where('slug', '=', 'site-co')
        .executeTakeFirstOrThrow();
    expect(await siteUrl()).toEqual({ site_url: 'https://orders.site-co.example' });
    await expect(
      cli('restaurants:update', {
        ...restaurant,
        slug: 'site-co',
        ...defaults,
        'site-url': 'orders.example',
      }),
    ).rejects.toThrow(/site-url: an http\(s\) URL/);
    expect(await siteUrl()).toEqual({ site_url: 'https://orders.site-co.example' });
  });

  it('when a YAML menu is imported, then it is upserted; a bad JSON menu is refused naming each bad path', async () => {
    const yaml = path.join(dir, 'menu.yaml');
    await writeFile(
      yaml,
      'categories:\n  - name: Soups\n    items:\n      - name: Tomato soup\n        price: 650\n',
    );
    await cli('menu:import', { restaurant: 'soup-co' }, [yaml]);
    expect(printed).toEqual(['imported 1 categories and 1 items into "soup-co"']);
    const items = await ctx.db
      .selectFrom('menu_items')
      .select(['name', 'price'])
      .where('name', '=', 'Tomato soup')
      .execute();
    expect(items).toEqual([{ name: 'Tomato soup', price: 650 }]);

    const bad = path.join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ categories: [{ name: 'X', items: [{ name: '', price: -1, colour: 'red' }] }] }),
    );
    const error = await cli('menu:import', { restaurant: 'soup-co' }, [bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    for (const where of [
      'categories.0.items.0.name',
      'categories.0.items.0.price',
      'categories.0.items.0.colour',
    ]) {
      expect(message).toContain(where);
    }
    await expect(cli('menu:import', { restaurant: 'nope' }, [yaml])).rejects.toThrow(/no restaurant/);
  });

  it('when a key is created, listed and revoked, then it works once shown and answers 401 after revocation', async () => {
    await cli('keys:create', { restaurant: 'soup-co', name: 'front desk' });
    const key = printed.find((line) => line.startsWith('OPERATOR_API_KEY='))?.split('=')[1] ?? '';
    expect(key).toMatch(/^rk_[a-z0-9]+_[A-Za-z0-9]{32}$/);
    await operatorApi(ctx, key, 'soup-co').list().expect(200);
    printed = [];
    await cli('keys:list', { restaurant: 'soup-co' });
    const prefix = key.split('_').slice(0, 2).join('_');
    expect(printed[1]).toMatch(new RegExp(`^${prefix}\\tfront desk\\t\\S+\\t\\S+Z\\t-$`));
    expect(printed.join('\n')).not.toContain(key);
    await cli('keys:revoke', {}, [prefix]);
    await operatorApi(ctx, key, 'soup-co').list().expect(401);
    await expect(cli('keys:revoke', {}, [prefix])).rejects.toThrow(/no active key/);
  });
});

describe('demo operator key', () => {
  it('when DEMO_OPERATOR_API_KEY is unset, then each start prints a fresh key and revokes the previous auto key', async () => {
    const lines: string[] = [];
    await provisionDemoOperatorKey(ctx.db, ctx.restaurant, undefined, (l) => lines.push(l));
    await provisionDemoOperatorKey(ctx.db, ctx.restaurant, undefined, (l) => lines.push(l));
    const keys = lines.filter((l) => l.includes('DEMO_OPERATOR_API_KEY=rk_')).map((l) => l.split('=')[1]!);
    expect(keys).toHaveLength(2);
    await operatorApi(ctx, keys[0]!).list().expect(401);
    await operatorApi(ctx, keys[1]!).list().expect(200);
  });

  it('when DEMO_OPERATOR_API_KEY is set, then that key works, survives restarts and is never printed', async () => {
    const configured = `rk_demo1234_${'A1b2C3d4'.repeat(4)}`;
    const lines: string[] = [];
    await provisionDemoOperatorKey(ctx.db, ctx.restaurant, configured, (l) => lines.push(l));
    await provisionDemoOperatorKey(ctx.db, ctx.restaurant, configured, (l) => lines.push(l));
    expect(lines.join('\n')).not.toContain(configured);
    await operatorApi(ctx, configured).list().expect(200);
    const active = await ctx.db
      .selectFrom('api_keys')
      .select(['prefix', 'name'])
      .where('restaurant_id', '=', ctx.restaurant.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(active).toEqual([{ prefix: 'rk_demo1234', name: 'demo (DEMO_OPERATOR_API_KEY)' }]);
  });
});
