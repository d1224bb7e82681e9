import type {
  OrderAcceptance,
  OrderStatus,
  OrderType,
  ParsedOpeningHours,
  PaymentStatus,
  RefundStatus,
  StaffRole,
  TimelineEntryType,
} from '@repo/contracts';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface RestaurantTable {
  id: Generated<string>;
  slug: string;
  name: string;
  currency: string;
  tax_rate_ppm: number;
  prep_time_minutes: Generated<number>;
  delivery_enabled: Generated<boolean>;
  delivery_fee: Generated<number>;
  /** Minutes from ready to the diner's door, added to a delivery order's estimate. */
  delivery_time_minutes: Generated<number>;
  /** ISO 3166-1 alpha-2; delivery postal codes are checked against it. */
  country: Generated<string>;
  timezone: Generated<string>;
  order_acceptance: Generated<OrderAcceptance>;
  acceptance_window_minutes: Generated<number>;
  /** Weekly hours and closures in `timezone` (jsonb); null: open at every hour. */
  opening_hours: ColumnType<ParsedOpeningHours | null, string | null | undefined, string | null>;
  /** Online ordering is paused until then; null or past: not paused. */
  paused_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  phone: string | null;
  email: string | null;
  address: string | null;
  pos_endpoint_url: string | null;
  pos_signing_secret: string | null;
  /** The restaurant's storefront (origin and path, no trailing slash): where emails link the diner. */
  site_url: string | null;
  next_order_number: Generated<number>;
  /** Bumped by triggers on any change to the restaurant or its menu. */
  catalog_version: Generated<number>;
  created_at: CreatedAt;
}

export interface MenuCategoryTable {
  id: Generated<string>;
  restaurant_id: string;
  name: string;
  description: string | null;
  position: Generated<number>;
}

export interface MenuItemTable {
  id: Generated<string>;
  restaurant_id: string;
  category_id: string;
  name: string;
  description: string | null;
  price: number;
  available: Generated<boolean>;
  position: Generated<number>;
}

export interface ModifierGroupTable {
  id: Generated<string>;
  menu_item_id: string;
  name: string;
  min_select: number;
  max_select: number;
  position: Generated<number>;
}

export interface ModifierTable {
  id: Generated<string>;
  group_id: string;
  name: string;
  price_delta: Generated<number>;
  available: Generated<boolean>;
  position: Generated<number>;
}

export interface DeliveryAddressJson {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postal_code: string;
  instructions?: string | null;
}

export interface OrderTable {
  id: string;
  restaurant_id: string;
  order_number: number;
  status: OrderStatus;
  payment_status: PaymentStatus;
  order_type: OrderType;
  customer_name: string;
  customer_email: string;
  customer_phone: string;
  delivery_address: Json<DeliveryAddressJson | null> | null;
  scheduled_time: Timestamp | null;
  special_instructions: string | null;
  currency: string;
  subtotal: number;
  tax: number;
  tip: number;
  delivery_fee: number;
  total: number;
  amount_received: Generated<number>;
  amount_refunded: Generated<number>;
  payment_intent_id: string | null;
  payment_intent_status: string | null;
  last_payment_error: string | null;
  /** The last failure's Stripe decline_code or code, for the diner's sentence. */
  last_payment_error_code: Generated<string | null>;
  livemode: boolean;
  order_token_hash: string;
  /** The paying card as Stripe reports it (`visa`, `4242`); null until known, or not a card. */
  card_brand: string | null;
  card_last4: string | null;
  estimated_ready_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  review_reason: string | null;
  dispute_status: string | null;
  /** When the latest PaymentIntent event applied here was created at Stripe. */
  payment_event_at: Timestamp | null;
  /** When the reconciler last re-read this order's PaymentIntent. */
  reconciled_at: Timestamp | null;
  /** Since when Stripe has not known its PaymentIntent, by the reconciler; null when it does. */
  payment_intent_missing_since: Timestamp | null;
  /** When Stripe first held the authorization of a manually accepted order. */
  authorized_at: Timestamp | null;
  /** Until when the restaurant may accept it; then the job runner rejects it. */
  acceptance_deadline: Timestamp | null;
  /** The amount an acceptance in progress captures: set while accepting, so a reject is refused. */
  capture_amount: number | null;
  accepted_at: Timestamp | null;
  preparing_at: Timestamp | null;
  ready_at: Timestamp | null;
  completed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OrderLineModifierJson {
  group_id: string;
  group_name: string;
  modifier_id: string;
  name: string;
  price_delta: number;
}

export interface OrderItemTable {
  id: Generated<string>;
  order_id: string;
  position: number;
  menu_item_id: string;
  name: string;
  unit_price: number;
  quantity: number;
  modifiers: Json<OrderLineModifierJson[]>;
  line_total: number;
  special_instructions: string | null;
}

/** `operator` is an API key (its prefix in actor_id); `staff` a signed-in staff member (their id). */
export type ActorType = 'diner' | 'stripe' | 'operator' | 'staff' | 'system';

export interface OrderEventTable {
  id: Generated<string>;
  order_id: string;
  type: TimelineEntryType;
  status: OrderStatus | null;
  payment_status: PaymentStatus | null;
  actor_type: ActorType;
  actor_id: string | null;
  detail: Json<Record<string, unknown> | null> | null;
  created_at: CreatedAt;
  /** The id of the transaction that wrote the entry (xid8, as text): the change feed's position. */
  change_tx: ColumnType<string, never, never>;
}

export interface IdempotencyKeyTable {
  id: Generated<string>;
  restaurant_id: string;
  scope: string;
  key: string;
  fingerprint: string;
  locked_until: Timestamp | null;
  recovery_point: Generated<RecoveryPoint>;
  resource_id: string | null;
  response_status: number | null;
  response_body: string | null;
  created_at: CreatedAt;
}

/**
 * How far a request under an Idempotency-Key got, so a retry resumes there: placing an order
 * (`order_created`), cancelling one (`cancel_requested`), a refund reserved in the ledger.
 */
export type RecoveryPoint =
  | 'started'
  | 'order_created'
  | 'cancel_requested'
  | 'accept_requested'
  | 'status_moved'
  | 'refund_reserved'
  | 'finished';

export type WebhookOutcome = 'received' | 'applied' | 'ignored' | 'failed';

/** A verified Stripe event as received; the envelope's fields are null where the event gives none. */
export interface WebhookEventTable {
  id: string;
  type: string | null;
  livemode: boolean | null;
  stripe_created_at: Timestamp | null;
  /** The body as received, parsed by PostgreSQL; null when jsonb cannot hold it (see raw_body). */
  payload: Json<unknown> | null;
  /** The body as received, when jsonb cannot hold it. */
  raw_body: string | null;
  outcome: Generated<WebhookOutcome>;
  outcome_detail: string | null;
  order_id: string | null;
  attempts: Generated<number>;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
}

export interface RefundTable {
  id: string;
  order_id: string;
  stripe_refund_id: string | null;
  amount: number;
  currency: string;
  reason: string | null;
  note: string | null;
  status: RefundStatus;
  failure_reason: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  /** Made by an order's cancellation, whose email tells of it (so it gets no refund email of its own). */
  for_cancellation: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ApiKeyTable {
  id: Generated<string>;
  restaurant_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface StaffTable {
  id: Generated<string>;
  restaurant_id: string;
  /** As given, trimmed; unique across restaurants whatever its case. */
  email: string;
  name: string;
  role: StaffRole;
  /** argon2id, in its PHC string form. */
  password_hash: string;
  /** Set with a one-time password: operator routes refuse the member until they change it. */
  must_change_password: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StaffSessionTable {
  id: Generated<string>;
  staff_id: string;
  /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export type OrderJobKind =
  | 'confirmation_email'
  | 'pos_handoff'
  | 'refund_email'
  | 'rejection_email'
  | 'ready_email'
  | 'cancellation_email';
export type OrderJobStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'dead' | 'skipped';

export interface OrderJobTable {
  id: Generated<string>;
  order_id: string;
  kind: OrderJobKind;
  ref: Generated<string>;
  /** What the job must tell as it stood when staged (a refund email's ledger); null for most kinds. */
  payload: ColumnType<unknown, string | null | undefined, string | null>;
  status: Generated<OrderJobStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  /** When the dispatcher handed the row to the queue; null while only staged. */
  queued_at: Timestamp | null;
  queue_job_id: string | null;
  /** How it ended: a skip reason, where the message went, the POS answer. */
  detail: string | null;
  /** When a dead job was flagged for a person (timeline event and error log). */
  flagged_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

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
