import { readFile } from 'node:fs/promises';
import { OpeningHours, type PauseRequest } from '@repo/contracts';
import { parseMenuFile } from '../operators/catalog.cli.ts';
import { type CliCommand, type CliContext, UsageError } from '../platform/cli-kit.ts';
import { findRestaurantBySlug } from '../restaurants/restaurants.repository.ts';
import { findMenuEntryIds } from './availability.repository.ts';
import { markAvailable, pauseOrdering, putHours, resumeOrdering } from './availability.service.ts';

/** The services take the operator who asked; on the command line that is whoever runs the CLI. */
async function operatorFor({ db }: CliContext, slug: unknown) {
  if (typeof slug !== 'string') throw new UsageError('the restaurant slug is required');
  const restaurant = await findRestaurantBySlug(db, slug);
  if (!restaurant) throw new UsageError(`no restaurant with slug "${slug}"`);
  return { restaurant, principal: 'cli', staff: null };
}

const state = (a: { open_now: boolean; paused_until: string | null; next_opening: string | null }) =>
  `open now: ${a.open_now ? 'yes' : 'no'}; paused until: ${a.paused_until ?? '-'}; next opening: ${a.next_opening ?? '-'}`;

function pauseRequest(values: Record<string, unknown>): PauseRequest {
  if (typeof values.minutes === 'string' && values.until === undefined) {
    const minutes = Number(values.minutes);
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 240)
      throw new UsageError('--minutes must be a whole number from 5 to 240');
    return { minutes };
  }
  if (typeof values.until === 'string' && values.minutes === undefined) {
    if (Number.isNaN(Date.parse(values.until))) throw new UsageError('--until must be an ISO-8601 time');
    return { until: new Date(values.until).toISOString() };
  }
  throw new UsageError('give either --minutes <5..240> or --until <ISO time>');
}

const booleanText = (text: unknown): boolean => {
  if (text === 'true' || text === 'false') return text === 'true';
  throw new UsageError('--available must be true or false');
};

export const availabilityCommands: CliCommand[] = [
  {
    name: 'restaurants:pause',
    usage: 'restaurants:pause --slug <slug> (--minutes <5..240> | --until <ISO time>)',
    summary: 'Pause online ordering during a rush; placing answers ordering-paused until then.',
    options: { slug: { type: 'string' }, minutes: { type: 'string' }, until: { type: 'string' } },
    async run(context, { values }) {
      const operator = await operatorFor(context, values.slug);
      const request = pauseRequest(values);
      const availability = await pauseOrdering(context.db, operator, request, Date.now());
      context.print(`paused "${operator.restaurant.slug}": ${state(availability)}`);
    },
  },
  {
    name: 'restaurants:resume',
    usage: 'restaurants:resume --slug <slug>',
    summary: 'Resume online ordering after a pause.',
    options: { slug: { type: 'string' } },
    async run(context, { values }) {
      const operator = await operatorFor(context, values.slug);
      const availability = await resumeOrdering(context.db, operator, Date.now());
      context.print(`resumed "${operator.restaurant.slug}": ${state(availability)}`);
    },
  },
  {
    name: 'menu:available',
    usage:
      'menu:available --restaurant <slug> (--item <id|name> | --option <id|name>) --available true|false',
    summary: 'Mark a dish or an option sold out (false) or back (true), without touching prices.',
    options: {
      restaurant: { type: 'string' },
      item: { type: 'string' },
      option: { type: 'string' },
      available: { type: 'string' },
    },
    async run(context, { values }) {
      const operator = await operatorFor(context, values.restaurant);
      const available = booleanText(values.available);
      const kind = typeof values.option === 'string' ? 'option' : 'item';
      const wanted = kind === 'option' ? values.option : values.item;
      if (typeof wanted !== 'string')
        throw new UsageError('give --item, or --option (with --item to narrow it)');
      const onItem = kind === 'option' && typeof values.item === 'string' ? values.item : undefined;
      const ids = await findMenuEntryIds(context.db, operator.restaurant.id, {
        kind,
        idOrName: wanted,
        onItem,
      });
      if (ids.length !== 1)
        throw new UsageError(
          ids.length === 0
            ? `no ${kind} "${wanted}" at "${operator.restaurant.slug}"`
            : `${ids.length} ${kind}s are named "${wanted}"; give the id (${ids.join(', ')})${kind === 'option' ? ' or narrow it with --item' : ''}`,
        );
      const [id] = ids as [string];
      await markAvailable(context.db, operator, { kind, id, available }, Date.now());
      context.print(`${kind} "${wanted}" (${id}) is ${available ? 'available' : 'sold out'}`);
    },
  },
  {
    name: 'hours:set',
    usage: 'hours:set --restaurant <slug> <hours.json|hours.yaml>',
    summary: "Replace the weekly opening hours and closures, read in the restaurant's time zone.",
    options: { restaurant: { type: 'string' } },
    async run(context, { values, positionals }) {
      const operator = await operatorFor(context, values.restaurant);
      const [file, ...extra] = positionals;
      if (!file || extra.length > 0) throw new UsageError('give exactly one hours file');
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`${file} cannot be read: ${error.code ?? error.message}`);
      });
      const parsed = OpeningHours.safeParse(parseMenuFile(file, text));
      if (!parsed.success)
        throw new UsageError(
          `${file} is not valid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
        );
      const saved = await putHours(context.db, operator, parsed.data);
      context.print(`saved the hours of "${operator.restaurant.slug}" (${saved.timezone})`);
    },
  },
];
