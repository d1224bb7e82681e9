import type { OrderStatus, OrderType, PaymentStatus, RefundStatus, TimelineEntryType } from '@repo/contracts';
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './columns.ts';

// Orders, their lines, timeline, post-payment jobs and refund ledger.

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
