import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ApiKeyTable, StaffSessionTable, StaffTable } from './schema/access.ts';
import type {
  MenuCategoryTable,
  MenuItemTable,
  ModifierGroupTable,
  ModifierTable,
  RestaurantTable,
} from './schema/catalog.ts';
import type {
  OrderEventTable,
  OrderItemTable,
  OrderJobTable,
  OrderTable,
  RefundTable,
} from './schema/orders.ts';
import type { IdempotencyKeyTable, WebhookEventTable } from './schema/requests.ts';

/**
 * The database as kysely sees it. Each table's columns are in `schema/`, by area; this file names
 * the tables and the row types the code passes around.
 */
export interface Database {
  restaurants: RestaurantTable;
  menu_categories: MenuCategoryTable;
  menu_items: MenuItemTable;
  modifier_groups: ModifierGroupTable;
  modifiers: ModifierTable;
  orders: OrderTable;
  order_items: OrderItemTable;
  order_events: OrderEventTable;
  idempotency_keys: IdempotencyKeyTable;
  webhook_events: WebhookEventTable;
  refunds: RefundTable;
  api_keys: ApiKeyTable;
  order_jobs: OrderJobTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
}

export type Restaurant = Selectable<RestaurantTable>;
export type Order = Selectable<OrderTable>;
export type NewOrder = Insertable<OrderTable>;
export type OrderUpdate = Updateable<OrderTable>;
export type OrderItem = Selectable<OrderItemTable>;
export type Refund = Selectable<RefundTable>;
export type OrderEvent = Selectable<OrderEventTable>;
export type OrderJob = Selectable<OrderJobTable>;
export type Staff = Selectable<StaffTable>;

export type * from './schema/access.ts';
export type * from './schema/catalog.ts';
export type * from './schema/orders.ts';
export type * from './schema/requests.ts';
