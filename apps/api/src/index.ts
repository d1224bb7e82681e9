/** What other workspace packages (benchmarks) may build the API from. */
export { createApp } from './app.ts';
export { createOperatorKey } from './operators/api-keys.service.ts';
export { OrderFeed } from './orders/feed/order-feed.ts';
export { createStripeGateway } from './payments/stripe-gateway.ts';
export { loadConfig } from './platform/config.ts';
export { databaseOptions, openDatabase } from './platform/db/database.ts';
export { migrateToLatest } from './platform/db/migrate.ts';
export { createLogger } from './platform/logger.ts';
export { seedDemoRestaurant } from './restaurants/seed.ts';
