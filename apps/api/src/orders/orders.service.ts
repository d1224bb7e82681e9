import { randomUUID } from 'node:crypto';
import type { MenuCategory, ParsedCreateOrderRequest } from '@repo/contracts';
import { assertCanBeMade, assertTakingOrders } from '../availability/placing-check.ts';
import type { CatalogCache } from '../menu/catalog-cache.ts';
import { nestMenu } from '../menu/menu.service.ts';
import { countOrderPlaced } from '../metrics/metrics.ts';
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import type { Db } from '../platform/db/database.ts';
import type { Restaurant } from '../platform/db/schema.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../platform/errors.ts';
import {
  type ClaimedKey,
  claimIdempotencyKey,
  forgetUnusedIdempotencyKey,
  isRetryableFailure,
  releaseIdempotencyKey,
  type StoredResponse,
  whileHolding,
} from '../platform/idempotency.ts';
import type { Logger } from '../platform/logger.ts';
import { notPayable, openPaymentOnce } from './order-payment.service.ts';
import {
  findOrder,
  openOrderIntake,
  type PlacedOrderView,
  type Placement,
  type PlacementKey,
  placeOrder,
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

/**
 * Checks that the order can be made now (hours, pause, sold out, slot), validates and prices it
 * against the given catalog, then stores the order as pending_payment under
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
  assertTakingOrders(restaurant, request, now.getTime());
  const priced = priceOrder(menu, request, restaurant);
  if (!priced.ok) {
    throw new ValidationError(`The order has ${priced.errors.length} problem(s).`, priced.errors);
  }
  assertCanBeMade(restaurant, menu, request, now.getTime());
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
    // Invalid or refused against the copy: the current catalog, or the key's stored response, decides.
    if (error instanceof ValidationError || error instanceof UnprocessableError) return undefined;
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
      fingerprint: key.fingerprint,
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

/** A diner's order request, as its route parsed it. */
export interface PlaceOrderCommand {
  slug: string;
  request: ParsedCreateOrderRequest;
  idempotencyKey: string;
  /** fingerprintOf the body as received, for telling a retry from a different request. */
  fingerprint: string;
}

/**
 * Flow 2: places the order (or replays, or resumes, the request under its key), then opens its
 * PaymentIntent. An operator may have cancelled the order before this request resumed it, or while
 * its payment was being opened: no payment is handed out for it, and a retry under this key is
 * refused alike.
 */
export async function createOrder(
  deps: CreateOrderDeps,
  command: PlaceOrderCommand,
): Promise<StoredResponse> {
  const { slug, request } = command;
  const newKey: NewKey = {
    kind: 'new',
    scope: 'orders.create',
    key: command.idempotencyKey,
    fingerprint: command.fingerprint,
  };
  const staged =
    (await placeFromCachedCatalog(deps, slug, request, newKey)) ??
    (await placeFromCurrentCatalog(deps, slug, request, newKey));
  if (!('order' in staged)) return staged;
  const { restaurant, order, keyId } = staged;
  const opened =
    order.status === 'pending_payment'
      ? await whileHolding(deps.db, keyId, () => openPaymentOnce(deps, restaurant, order, keyId))
      : 'cancelled';
  if (opened === 'cancelled') {
    await releaseIdempotencyKey(deps.db, keyId);
    throw notPayable(order);
  }
  countOrderPlaced();
  return opened;
}
