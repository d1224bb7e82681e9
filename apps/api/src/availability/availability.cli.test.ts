import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { runCli } from '../../test/cli.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorCommands } from '../operators/operators.cli.ts';

let ctx: TestContext;
let dir: string;
let printed: string[];
beforeAll(async () => {
  ctx = await createTestContext();
  dir = await mkdtemp(path.join(tmpdir(), 'hours-'));
});
afterAll(() => ctx.close());
beforeEach(() => {
  printed = [];
});

function cli(name: string, values: Record<string, string | boolean | undefined>, positionals: string[] = []) {
  return runCli(ctx, operatorCommands, (line) => printed.push(line), name, values, positionals);
}

const read = async () => (await request(ctx.app).get('/api/clients/demo/availability').expect(200)).body;

describe('availability CLI', () => {
  it('when ordering is paused for 30 minutes and resumed, then the availability says so each time', async () => {
    await cli('restaurants:pause', { slug: 'demo', minutes: '30' });
    const paused = await read();
    expect(Date.parse(paused.paused_until) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(printed[0]).toMatch(/^paused "demo": open now: \w+; paused until: \S+Z/);
    await cli('restaurants:resume', { slug: 'demo' });
    expect((await read()).paused_until).toBeNull();

    const until = new Date(Date.now() + 2 * 60 * 60_000).toISOString();
    await cli('restaurants:pause', { slug: 'demo', until });
    expect(Math.abs(Date.parse((await read()).paused_until) - Date.parse(until))).toBeLessThan(1000);
    await cli('restaurants:resume', { slug: 'demo' });
    await expect(cli('restaurants:pause', { slug: 'demo', minutes: '2' })).rejects.toThrow(/5 to 240/);
    await expect(cli('restaurants:pause', { slug: 'demo' })).rejects.toThrow(/either --minutes/);
    await expect(cli('restaurants:pause', { slug: 'nope', minutes: '30' })).rejects.toThrow(/no restaurant/);
  });

  it('when a dish and an option are marked sold out by name, then they are listed sold out until marked back', async () => {
    const before = await read();
    await cli('menu:available', { restaurant: 'demo', item: 'margherita', available: 'false' });
    await expect(
      cli('menu:available', { restaurant: 'demo', option: 'Mushrooms', available: 'false' }),
    ).rejects.toThrow(/options are named "Mushrooms".*narrow it with --item/);
    await cli('menu:available', {
      restaurant: 'demo',
      item: 'Margherita',
      option: 'mushrooms',
      available: 'false',
    });
    const sold = await read();
    const itemId = sold.sold_out.items.find((id: string) => !before.sold_out.items.includes(id));
    expect(sold.sold_out.items).toHaveLength(before.sold_out.items.length + 1);
    expect(sold.sold_out.options).toHaveLength(before.sold_out.options.length + 1);
    expect(printed[0]).toMatch(/^item "margherita" \(\S+\) is sold out$/);

    await cli('menu:available', { restaurant: 'demo', item: itemId, available: 'true' });
    await cli('menu:available', {
      restaurant: 'demo',
      option: sold.sold_out.options.find((id: string) => !before.sold_out.options.includes(id)),
      available: 'true',
    });
    const back = await read();
    expect(back.sold_out.items).not.toContain(itemId);
    expect(back.sold_out).toEqual(before.sold_out);
    await expect(
      cli('menu:available', { restaurant: 'demo', item: 'Pineapple pizza', available: 'false' }),
    ).rejects.toThrow(/no item "Pineapple pizza"/);
    await expect(
      cli('menu:available', { restaurant: 'demo', item: 'Margherita', available: 'no' }),
    ).rejects.toThrow(/true or false/);
  });

  it('when hours are set from a YAML file, then the restaurant follows them; a bad file names each bad path', async () => {
    const before = (
      await ctx.db
        .selectFrom('restaurants')
        .select('opening_hours')
        .where('slug', '=', 'demo')
        .executeTakeFirstOrThrow()
    ).opening_hours;
    const closed = path.join(dir, 'closed.yaml');
    await writeFile(closed, 'weekly: {}\n');
    await cli('hours:set', { restaurant: 'demo' }, [closed]);
    const availability = await read();
    expect(availability).toMatchObject({ open_now: false, next_opening: null, slots: [] });
    expect(printed).toEqual(['saved the hours of "demo" (America/New_York)']);

    const bad = path.join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ weekly: { friday: [{ open: '25:00', close: '02:00' }] }, extra: 1 }),
    );
    await expect(cli('hours:set', { restaurant: 'demo' }, [bad])).rejects.toThrow(
      /weekly\.friday\.0\.open.*\n.*extra|extra/s,
    );

    const restore = path.join(dir, 'restore.json');
    await writeFile(restore, JSON.stringify(before));
    await cli('hours:set', { restaurant: 'demo' }, [restore]);
    expect((await read()).open_now).toBe(true);
  });
});
