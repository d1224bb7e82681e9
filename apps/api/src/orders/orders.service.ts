import { randomUUID } from 'node:crypto';
import {
  CreateOrderRequest,
  type CreateOrderResponse,
  type MenuCategory,
  type ParsedCreateOrderRequest,
} from '@repo/contracts';
import type { CatalogCache } from '../menu/catalog-cache.ts';
import { nestMenu, requireRestaurant } from '../menu/menu.service.ts';
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import type { Db } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import {
  ConflictError,
  DomainError,
  type FieldError,
  NotFoundError,
  ProviderUnavailableError,
  ValidationError,
} from '../platform/errors.ts';
import { parseInput } from '../platform/http.ts';
import {
  type ClaimedKey,
  claimIdempotencyKey,
  fingerprintOf,
  forgetIdempotencyKey,
  forgetUnusedIdempotencyKey,
  isRetryableFailure,
  releaseIdempotencyKey,
  requireIdempotencyKey,
  type StoredResponse,
} from '../platform/idempotency.ts';
import type { Logger } from '../platform/logger.ts';
import { newOrderToken } from './order-token.ts';
import { amountsOf } from './order-view.ts';
import {
  deleteOrder,
  findOrder,
  openOrderIntake,
  type PlacedOrderView,
  type Placement,
  type PlacementKey,
  placeOrder,
  sealPlacedOrder,
} from './orders.repository.ts';
import { priceOrder } from './pricing.ts';

export interface OrdersDeps {
  db: Db;
  payments: PaymentGateway;
  logger: Logger;
}

export interface CreateOrderDeps extends OrdersDeps {
  /** Catalogs this process has read: an order priced against one is placed only while it is current. */
  catalogs: CatalogCache;
}

/** An order placed as pending_payment under the request's key. */
interface Staged {
  restaurant: Restaurant;
  order: PlacedOrderView;
  keyId: string;
}

type NewKey = Omit<Extract<PlacementKey, { kind: 'new' }>, 'catalogVersion'>;

/** Reads of the catalog an order may be priced against before the menu is taken to be changing. */
const CATALOG_READS = 3;

const SCHEDULE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

function scheduleErrors(request: ParsedCreateOrderRequest, restaurant: Restaurant, now: Date): FieldError[] {
  if (!request.scheduled_time) return [];
  const at = new Date(request.scheduled_time).getTime();
  const earliest = now.getTime() + restaurant.prep_time_minutes * 60_000 - 60_000;
  if (at < earliest) {
    return [
      {
        path: 'scheduled_time',
        message: `must be at least ${restaurant.prep_time_minutes} minutes from now`,
      },
    ];
  }
  if (at > now.getTime() + SCHEDULE_WINDOW_MS)
    return [{ path: 'scheduled_time', message: 'must be within the next 7 days' }];
  return [];
}

/**
 * Validates and prices against the given catalog, then stores the order as pending_payment under
 * its key. An invalid order throws before anything is written.
 */
async function stageOrder(
  db: Db,
  restaurant: Restaurant,
  menu: MenuCategory[],
  request: ParsedCreateOrderRequest,
  key: PlacementKey,
): Promise<Placement> {
  const now = new Date();
  const priced = priceOrder(menu, request, restaurant);
  const errors = [...(priced.ok ? [] : priced.errors), ...scheduleErrors(request, restaurant, now)];
  if (!priced.ok || errors.length > 0) {
    throw new ValidationError(`The order has ${errors.length} problem(s).`, errors);
  }
  const { order } = priced;
  return placeOrder(
    db,
    {
      id: randomUUID(),
      restaurant_id: restaurant.id,
      status: 'pending_payment',
      payment_status: 'requires_payment',
      order_type: request.order_type,
      customer_name: request.customer.name,
      customer_email: request.customer.email,
      customer_phone: request.customer.phone,
      delivery_address: request.delivery_address ? JSON.stringify(request.delivery_address) : null,
      scheduled_time: request.scheduled_time ?? null,
      special_instructions: request.special_instructions ?? null,
      currency: order.currency,
      subtotal: order.subtotal,
      tax: order.tax,
      tip: order.tip,
      delivery_fee: order.delivery_fee,
      total: order.total,
      livemode: false,
      order_token_hash: '',
      estimated_ready_at:
        request.scheduled_time ?? new Date(now.getTime() + restaurant.prep_time_minutes * 60_000),
    },
    order.lines,
    key,
  );
}

/**
 * Opens the PaymentIntent for a staged order and seals the key with the response; `cancelled` when
 * an operator cancelled the order meanwhile (the key left unsealed, the new PaymentIntent canceled).
 */
async function openPayment(
  deps: OrdersDeps,
  restaurant: Restaurant,
  order: PlacedOrderView,
  keyId: string,
): Promise<StoredResponse | 'cancelled'> {
  const intent = await deps.payments.createPaymentIntent({
    orderId: order.id,
    clientSlug: restaurant.slug,
    orderNumber: order.order_number,
    amount: order.total,
    currency: order.currency,
    receiptEmail: order.customer_email,
    // Derived from the order, so a retry after a crash finds the same PaymentIntent at Stripe.
    idempotencyKey: `order-${order.id}-payment-intent`,
  });
  if (!intent.clientSecret)
    throw new ProviderUnavailableError('The payment provider returned no client secret.');
  // A fresh token on every attempt: an earlier one never reached the diner.
  const { token, hash } = newOrderToken();
  const response: CreateOrderResponse = {
    order_id: order.id,
    order_number: order.order_number,
    status: order.status,
    payment_status: order.payment_status,
    amounts: amountsOf(order),
    client_secret: intent.clientSecret,
    order_token: token,
    estimated_ready_at: (order.estimated_ready_at ?? new Date()).toISOString(),
  };
  const body = JSON.stringify(response);
  const sealed = await sealPlacedOrder(
    deps.db,
    order.id,
    {
      payment_intent_id: intent.id,
      payment_intent_status: intent.status,
      livemode: intent.livemode,
      order_token_hash: hash,
    },
    { keyId, status: 201, body },
  );
  if (!sealed) {
    await cancelUnsealedIntent(deps, order.id, intent.id);
    return 'cancelled';
  }
  return { status: 201, body, replayed: false };
}

/**
 * An operator cancelled the order while its PaymentIntent was being opened, so the cancellation
 * found no payment to cancel: cancel this one. Its client secret never left here.
 */
async function cancelUnsealedIntent(deps: OrdersDeps, orderId: string, intentId: string): Promise<void> {
  try {
    await deps.payments.cancelPaymentIntent(intentId, `order-${orderId}-cancel`, 'requested_by_customer');
  } catch (error) {
    // Nobody holds its secret, so nobody can pay it: harmless if it stays open.
    deps.logger.warn(
      { err: error, orderId, intentId },
      'could not cancel the PaymentIntent of a cancelled order',
    );
  }
}

function notPayable(order: PlacedOrderView): ConflictError {
  return new ConflictError(
    'order-not-payable',
    'Order can no longer be paid',
    `Order #${order.order_number} was cancelled by the restaurant.`,
  );
}

/**
 * Continues under a key this request now holds: its order if one was placed, else a new one.
 * Undefined when nothing could be placed under it (the catalog changed since it was read, or the key
 * was taken over after this request outlived its lease): the key is freed if unused; read again.
 */
async function resumeClaim(
  db: Db,
  restaurant: Restaurant,
  menu: MenuCategory[],
  request: ParsedCreateOrderRequest,
  claim: ClaimedKey,
): Promise<{ order: PlacedOrderView; keyId: string } | undefined> {
  if (claim.resourceId) {
    const order = await findOrder(db, restaurant.id, claim.resourceId).catch(async (error: unknown) => {
      if (isRetryableFailure(error)) await releaseIdempotencyKey(db, claim.id);
      throw error;
    });
    if (!order) throw new Error(`idempotency key points at missing order ${claim.resourceId}`);
    return { order, keyId: claim.id };
  }
  let placement: Placement;
  try {
    placement = await stageOrder(db, restaurant, menu, request, {
      kind: 'held',
      keyId: claim.id,
      catalogVersion: restaurant.catalog_version,
    });
  } catch (error) {
    // Placing is one statement: nothing was written, so the key is free again (as at Stripe).
    await forgetUnusedIdempotencyKey(db, claim.id);
    throw error;
  }
  if (placement.kind === 'placed') return placement;
  await forgetUnusedIdempotencyKey(db, claim.id);
  return undefined;
}

/**
 * The usual case, with no read at all: priced against this process's copy of the catalog and placed
 * by the statement that claims the key, if that copy is still current. Undefined when it cannot be
 * decided here (no copy, a changed catalog, an order invalid against the copy, a known key).
 */
async function placeFromCachedCatalog(
  deps: CreateOrderDeps,
  slug: string,
  request: ParsedCreateOrderRequest,
  key: NewKey,
): Promise<Staged | undefined> {
  const catalog = deps.catalogs.get(slug);
  if (!catalog) return undefined;
  const { restaurant, menu } = catalog;
  let placement: Placement;
  try {
    placement = await stageOrder(deps.db, restaurant, menu, request, {
      ...key,
      catalogVersion: restaurant.catalog_version,
    });
  } catch (error) {
    // Invalid against the copy: the current catalog, or the key's stored response, decides.
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
  if (placement.kind === 'placed') return { restaurant, order: placement.order, keyId: placement.keyId };
  if (placement.kind === 'catalog-changed') deps.catalogs.forget(slug);
  return undefined;
}

/**
 * Reads the current catalog with whether the key is known, then places the order, replays the key's
 * response, refuses a different body, or resumes the key's order.
 */
async function placeFromCurrentCatalog(
  deps: CreateOrderDeps,
  slug: string,
  request: ParsedCreateOrderRequest,
  body: unknown,
  key: NewKey,
): Promise<Staged | StoredResponse> {
  for (let read = 1; read <= CATALOG_READS; read += 1) {
    // One read: the restaurant, whether the key is known, and the live menu.
    const intake = await openOrderIntake(deps.db, slug, key);
    if (!intake) {
      deps.catalogs.forget(slug);
      throw new NotFoundError(`No restaurant "${slug}".`);
    }
    const { restaurant } = intake;
    const menu = nestMenu(intake.menu);
    deps.catalogs.remember({ restaurant, menu });
    if (!intake.keyTaken) {
      const placement = await stageOrder(deps.db, restaurant, menu, request, {
        ...key,
        catalogVersion: restaurant.catalog_version,
      });
      if (placement.kind === 'placed') return { restaurant, order: placement.order, keyId: placement.keyId };
      // Changed between the read and the placement: read it again.
      if (placement.kind === 'catalog-changed') continue;
    }
    const claim = await claimIdempotencyKey(deps.db, {
      restaurantId: restaurant.id,
      scope: key.scope,
      key: key.key,
      body,
    });
    if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
    const resumed = await resumeClaim(deps.db, restaurant, menu, request, claim);
    if (resumed) return { restaurant, ...resumed };
  }
  throw new ConflictError(
    'menu-changing',
    'The menu is being updated',
    'The menu changed while the order was being placed. Nothing was charged; please try again.',
  );
}

export async function createOrder(
  deps: CreateOrderDeps,
  slug: string,
  idempotencyKey: string | undefined,
  body: unknown,
): Promise<StoredResponse> {
  let request: ParsedCreateOrderRequest;
  let key: string;
  try {
    request = parseInput(CreateOrderRequest, body);
    key = requireIdempotencyKey(idempotencyKey);
  } catch (error) {
    await requireRestaurant(deps.db, slug); // an unknown restaurant is a 404 before any input problem
    throw error;
  }
  const newKey: NewKey = { kind: 'new', scope: 'orders.create', key, fingerprint: fingerprintOf(body) };
  const staged =
    (await placeFromCachedCatalog(deps, slug, request, newKey)) ??
    (await placeFromCurrentCatalog(deps, slug, request, body, newKey));
  if (!('order' in staged)) return staged;
  const { restaurant, order, keyId } = staged;
  // An operator may have cancelled the order before this request resumed it, or while its payment
  // was being opened: no payment is handed out for it, and a retry under this key is refused alike.
  const opened =
    order.status === 'pending_payment' ? await openPaymentOnce(deps, restaurant, order, keyId) : 'cancelled';
  if (opened === 'cancelled') {
    await releaseIdempotencyKey(deps.db, keyId);
    throw notPayable(order);
  }
  return opened;
}

/** openPayment, leaving the key resumable after an outage and nothing behind after a refusal. */
async function openPaymentOnce(
  deps: OrdersDeps,
  restaurant: Restaurant,
  order: PlacedOrderView,
  keyId: string,
): Promise<StoredResponse | 'cancelled'> {
  try {
    return await openPayment(deps, restaurant, order, keyId);
  } catch (error) {
    if (isRetryableFailure(error)) {
      // The PaymentIntent's Stripe key is derived from the order: a resumed retry finds the same one.
      await releaseIdempotencyKey(deps.db, keyId);
    } else if (error instanceof DomainError) {
      // The provider refused the order for good: leave nothing behind.
      await deps.db.transaction().execute(async (tx) => {
        await deleteOrder(tx, order.id);
        await forgetIdempotencyKey(tx, keyId);
      });
    }
    throw error;
  }
}
