import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { benchFollowers } from './followers.bench.ts';
import { benchOrders } from './orders.bench.ts';
import { benchWebhooks } from './webhooks.bench.ts';

// `pnpm bench [orders|webhooks|followers|storefront]`: figures are printed, never asserted.
const only = process.argv[2];
process.stdout.write(
  `Benchmarks on ${process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'} (Node ${process.version})\n`,
);
if (!only || only === 'orders') await benchOrders();
if (!only || only === 'webhooks') await benchWebhooks();
if (!only || only === 'followers') await benchFollowers();
if (!only || only === 'storefront') {
  const script = path.join(import.meta.dirname, '..', 'apps', 'storefront', 'scripts', 'bundle-size.ts');
  if (existsSync(script)) {
    process.stdout.write('\nStorefront page weight (gzipped)\n');
    spawnSync(process.execPath, [script], { stdio: 'inherit' });
  }
}
