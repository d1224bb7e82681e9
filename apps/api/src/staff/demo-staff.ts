import type { Db } from '../platform/db/database.ts';
import { ConflictError } from '../platform/errors.ts';
import { findStaffByEmail } from './staff.repository.ts';
import { createStaffMember } from './staff.service.ts';

/** The demo restaurant's manager: `manager@demo.example` for `demo`. */
export function demoManagerEmail(slug: string): string {
  return `manager@${slug}.example`;
}

/**
 * Creates the demo restaurant's console manager once and prints the password that one time (only
 * its hash is kept). Its password need not be changed, so the demo is quick to try. Later starts
 * print the email and how to get a new password.
 */
export async function provisionDemoManager(
  db: Db,
  restaurant: { id: string; slug: string },
  print: (line: string) => void,
): Promise<void> {
  const email = demoManagerEmail(restaurant.slug);
  if (!(await findStaffByEmail(db, email))) {
    const request = { email, name: 'Demo Manager', role: 'manager' as const };
    // Another process starting at the same moment may create it first: then this one only points to it.
    const created = await createStaffMember(db, restaurant, request, false).catch((error: unknown) => {
      if (error instanceof ConflictError) return undefined;
      throw error;
    });
    if (created) {
      print(`console sign-in for "${restaurant.slug}" (manager, created now; the password is shown once):`);
      print(`  ${email}  ${created.password}`);
      return;
    }
  }
  print(
    `console sign-in for "${restaurant.slug}": ${email} (password printed when it was created; \`cli staff:reset-password --email ${email}\` makes a new one)`,
  );
}
