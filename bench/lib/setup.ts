import { createOperatorKey, migrateToLatest, openDatabase, seedDemoRestaurant } from '@repo/api';
import { createBenchDatabase } from './database.ts';
import { type Started, startServer } from './processes.ts';

export const WEBHOOK_SECRET = 'whsec_bench_secret_0123456789';

export interface BenchEnvironment {
  databaseUrl: string;
  /** An operator key of the manual-acceptance restaurant `demo-manual`. */
  operatorKey: string;
  emulator: Started;
  serverEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** A migrated, seeded bench database on real PostgreSQL and a Stripe emulator, each in its own process. */
export async function benchEnvironment(): Promise<BenchEnvironment> {
  const database = await createBenchDatabase();
  const handle = await openDatabase({ databaseUrl: database.url, dataDir: 'memory://' });
  await migrateToLatest(handle.db);
  await seedDemoRestaurant(handle.db);
  await seedDemoRestaurant(handle.db, 'demo-manual');
  const operatorKey = (await createOperatorKey(handle.db, 'demo-manual', 'bench')).key;
  await handle.close();
  const emulator = await startServer('emulator.ts', {});
  const serverEnv = {
    BENCH_DATABASE_URL: database.url,
    BENCH_STRIPE_API_BASE: String(emulator.info.url),
    BENCH_STRIPE_SECRET_KEY: String(emulator.info.secretKey),
    BENCH_STRIPE_PUBLISHABLE_KEY: String(emulator.info.publishableKey),
    BENCH_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // Benchmarks come from one IP: the limits are not what is measured.
    RATE_LIMIT_ORDERS_PER_IP: '0',
    RATE_LIMIT_OPERATOR_PER_IP: '0',
    RATE_LIMIT_OPERATOR_PER_KEY: '0',
  };
  return {
    databaseUrl: database.url,
    operatorKey,
    emulator,
    serverEnv,
    async stop() {
      await emulator.stop();
      await database.drop();
    },
  };
}
