import { CreateStaffRequest } from '@repo/contracts';
import { type CliCommand, UsageError } from '../platform/cli-kit.ts';
import type { Db } from '../platform/db/database.ts';
import type { Staff } from '../platform/db/schema.ts';
import { DomainError } from '../platform/errors.ts';
import { findRestaurantBySlug } from '../restaurants/restaurants.repository.ts';
import { findStaffByEmail } from './staff.repository.ts';
import { createStaffMember, disableStaff, listStaffMembers, resetStaffPassword } from './staff.service.ts';

const when = (value: Date | null) => (value ? value.toISOString() : '-');

function requireString(value: string | boolean | undefined, option: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${option} is required`);
  return value.trim();
}

async function restaurantNamed(db: Db, slug: string) {
  const restaurant = await findRestaurantBySlug(db, slug);
  if (!restaurant) throw new UsageError(`no restaurant with slug "${slug}"`);
  return restaurant;
}

/** The member who signs in with `--email`, of `--restaurant` when it is given. */
async function memberNamed(db: Db, values: Record<string, string | boolean | undefined>): Promise<Staff> {
  const email = requireString(values.email, 'email');
  const staff = await findStaffByEmail(db, email);
  const slug = values.restaurant === undefined ? undefined : requireString(values.restaurant, 'restaurant');
  if (!staff || (slug !== undefined && staff.restaurant_slug !== slug)) {
    throw new UsageError(`no staff member with email ${email}${slug ? ` at "${slug}"` : ''}`);
  }
  const { restaurant_slug: _, ...member } = staff;
  return member;
}

function printPassword(print: (line: string) => void, email: string, password: string) {
  print('One-time password (shown only this once; it must be changed at first sign-in):');
  print(`  ${email}  ${password}`);
}

export const staffCommands: CliCommand[] = [
  {
    name: 'staff:create',
    usage: 'staff:create --restaurant <slug> --email <email> --name <name> --role owner|manager|staff',
    summary: 'Add a console user; prints a one-time password, to be changed at first sign-in.',
    options: {
      restaurant: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
    },
    async run({ db, print }, { values }) {
      const restaurant = await restaurantNamed(db, requireString(values.restaurant, 'restaurant'));
      const parsed = CreateStaffRequest.safeParse({
        email: values.email,
        name: values.name,
        role: values.role,
      });
      if (!parsed.success) {
        throw new UsageError(
          parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'),
        );
      }
      try {
        const { staff, password } = await createStaffMember(db, restaurant, parsed.data);
        print(`created ${staff.role} ${staff.email} ("${staff.name}") for restaurant "${restaurant.slug}".`);
        printPassword(print, staff.email, password);
      } catch (error) {
        if (error instanceof DomainError) throw new UsageError(error.message);
        throw error;
      }
    },
  },
  {
    name: 'staff:list',
    usage: 'staff:list --restaurant <slug>',
    summary: "List a restaurant's console users: email, name, role, password to change, disabled.",
    options: { restaurant: { type: 'string' } },
    async run({ db, print }, { values }) {
      const restaurant = await restaurantNamed(db, requireString(values.restaurant, 'restaurant'));
      print(['email', 'name', 'role', 'must_change_password', 'created_at', 'disabled_at'].join('\t'));
      for (const staff of await listStaffMembers(db, restaurant.id)) {
        print(
          [
            staff.email,
            staff.name,
            staff.role,
            staff.must_change_password ? 'yes' : 'no',
            when(staff.created_at),
            when(staff.disabled_at),
          ].join('\t'),
        );
      }
    },
  },
  {
    name: 'staff:disable',
    usage: 'staff:disable --email <email> [--restaurant <slug>]',
    summary: 'Disable a console user: they cannot sign in, and their sessions end now.',
    options: { email: { type: 'string' }, restaurant: { type: 'string' } },
    async run({ db, print }, { values }) {
      const member = await memberNamed(db, values);
      const { endedSessions } = await disableStaff(db, member, new Date());
      print(`disabled ${member.email}; ${endedSessions} session(s) ended.`);
    },
  },
  {
    name: 'staff:reset-password',
    usage: 'staff:reset-password --email <email> [--restaurant <slug>]',
    summary: 'Give a console user a new one-time password and end their sessions.',
    options: { email: { type: 'string' }, restaurant: { type: 'string' } },
    async run({ db, print }, { values }) {
      const member = await memberNamed(db, values);
      const password = await resetStaffPassword(db, member, new Date());
      print(`reset the password of ${member.email}; their sessions ended.`);
      if (member.disabled_at) print('The account is disabled: it cannot sign in with this password.');
      printPassword(print, member.email, password);
    },
  },
];
