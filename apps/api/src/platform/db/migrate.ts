import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as initial from './migrations/2026-11-26T0000-initial.ts';
import * as jobs from './migrations/2026-11-26T0200-jobs.ts';
import * as orderNumbers from './migrations/2026-11-26T0300-order-number-sequences.ts';
import * as catalogVersion from './migrations/2026-11-26T0400-catalog-version.ts';
import * as paymentEventOrder from './migrations/2026-11-26T0500-payment-event-order.ts';
import * as reconciledAt from './migrations/2026-11-26T0600-reconciled-at.ts';
import * as paymentIntentMissingSince from './migrations/2026-11-26T0700-payment-intent-missing-since.ts';
import * as flaggedOrders from './migrations/2026-11-26T0800-flagged-orders.ts';
import * as restaurantService from './migrations/2026-12-04T0900-restaurant-service.ts';
import * as openingHours from './migrations/2026-12-04T1000-opening-hours.ts';
import * as webhookEventsAnyShape from './migrations/2026-12-04T1100-webhook-events-any-shape.ts';
import * as orderChangeFeed from './migrations/2026-12-04T1150-order-change-feed.ts';
import * as staff from './migrations/2026-12-04T1200-staff.ts';
import * as emailDetails from './migrations/2026-12-04T1300-email-details.ts';
import * as deliveryDetails from './migrations/2026-12-04T1400-delivery-details.ts';

/** Migrations are listed here, in order, so the bundle-free runtime needs no directory scan. */
const migrations: Record<string, Migration> = {
  '2026-11-26T0000-initial': initial,
  '2026-11-26T0200-jobs': jobs,
  '2026-11-26T0300-order-number-sequences': orderNumbers,
  '2026-11-26T0400-catalog-version': catalogVersion,
  '2026-11-26T0500-payment-event-order': paymentEventOrder,
  '2026-11-26T0600-reconciled-at': reconciledAt,
  '2026-11-26T0700-payment-intent-missing-since': paymentIntentMissingSince,
  '2026-11-26T0800-flagged-orders': flaggedOrders,
  '2026-12-04T0900-restaurant-service': restaurantService,
  '2026-12-04T1000-opening-hours': openingHours,
  '2026-12-04T1100-webhook-events-any-shape': webhookEventsAnyShape,
  '2026-12-04T1150-order-change-feed': orderChangeFeed,
  '2026-12-04T1200-staff': staff,
  '2026-12-04T1300-email-details': emailDetails,
  '2026-12-04T1400-delivery-details': deliveryDetails,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// biome-ignore lint/suspicious/noExplicitAny: the migrator runs against any schema version.
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider });
}

// biome-ignore lint/suspicious/noExplicitAny: see createMigrator.
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied: what /readyz checks. */
// biome-ignore lint/suspicious/noExplicitAny: see createMigrator.
export async function isMigrated(db: Kysely<any>): Promise<boolean> {
  const applied = await createMigrator(db).getMigrations();
  return applied.every((migration) => migration.executedAt !== undefined);
}
