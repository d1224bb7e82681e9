import { provisionDemoOperatorKey } from '../../operators/demo-key.ts';
import { seedDemoRestaurant } from '../../restaurants/seed.ts';
import { provisionDemoManager } from '../../staff/demo-staff.ts';
import type { CliCommand } from '../cli-kit.ts';
import { migrateToLatest } from './migrate.ts';

export const dbCommands: CliCommand[] = [
  {
    name: 'db:migrate',
    usage: 'db:migrate',
    summary: 'Apply pending migrations (also done at every start).',
    async run({ db, print }) {
      const applied = await migrateToLatest(db);
      print(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    },
  },
  {
    name: 'db:seed',
    usage: 'db:seed',
    summary: 'Create or refresh the demo restaurant, its menu, operator key and console manager.',
    async run({ config, db, print }) {
      const restaurant = await seedDemoRestaurant(db);
      print(`seeded restaurant "${restaurant.slug}" (${restaurant.name})`);
      await provisionDemoOperatorKey(db, restaurant, config.DEMO_OPERATOR_API_KEY, print);
      await provisionDemoManager(db, restaurant, print);
    },
  },
];
