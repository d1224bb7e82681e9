import { type CliCommand, UsageError } from '../platform/cli-kit.ts';
import { NotFoundError } from '../platform/errors.ts';
import { createOperatorKey, listOperatorKeys, revokeOperatorKey } from './api-keys.service.ts';

const when = (value: Date | null) => (value ? value.toISOString() : '-');

function requireString(value: string | boolean | undefined, option: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${option} is required`);
  return value.trim();
}

async function orUsage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) throw new UsageError(error.message);
    throw error;
  }
}

export const keyCommands: CliCommand[] = [
  {
    name: 'keys:create',
    usage: 'keys:create --restaurant <slug> --name <name>',
    summary: 'Create an operator API key; it is printed once and only its hash is kept.',
    options: { restaurant: { type: 'string' }, name: { type: 'string' } },
    async run({ db, print }, { values }) {
      const slug = requireString(values.restaurant, 'restaurant');
      const name = requireString(values.name, 'name');
      const { key, prefix } = await orUsage(createOperatorKey(db, slug, name));
      print(`created key ${prefix} ("${name}") for restaurant "${slug}".`);
      print('Store it now: it is shown only this once.');
      print(`OPERATOR_API_KEY=${key}`);
    },
  },
  {
    name: 'keys:list',
    usage: 'keys:list --restaurant <slug>',
    summary: "List a restaurant's keys: prefix, name, created, last used, revoked.",
    options: { restaurant: { type: 'string' } },
    async run({ db, print }, { values }) {
      const slug = requireString(values.restaurant, 'restaurant');
      const keys = await orUsage(listOperatorKeys(db, slug));
      print(['prefix', 'name', 'created_at', 'last_used_at', 'revoked_at'].join('\t'));
      for (const key of keys) {
        print(
          [key.prefix, key.name, when(key.created_at), when(key.last_used_at), when(key.revoked_at)].join(
            '\t',
          ),
        );
      }
    },
  },
  {
    name: 'keys:revoke',
    usage: 'keys:revoke <prefix>',
    summary: 'Revoke a key by its prefix (rk_…); it answers 401 from then on.',
    async run({ db, print }, { positionals }) {
      const [prefix, ...extra] = positionals;
      if (!prefix || extra.length > 0) throw new UsageError('give exactly one key prefix, e.g. rk_3f9a1c2b');
      if (!(await revokeOperatorKey(db, prefix))) throw new UsageError(`no active key with prefix ${prefix}`);
      print(`revoked ${prefix}`);
    },
  },
];
