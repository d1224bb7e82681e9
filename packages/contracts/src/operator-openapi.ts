import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { registerAvailabilityRoutes } from './availability-openapi.ts';
import { json, problem } from './openapi-parts.ts';
import {
  AcceptOrderRequest,
  CancelOrderRequest,
  CreateRefundRequest,
  KitchenStatusRequest,
  OperatorOrderView,
  OrderList,
  OrderListQuery,
  OrderSummary,
  RefundView,
  RejectOrderRequest,
} from './operator.ts';
import { registerSessionRoutes, registerStaffRoutes } from './staff-openapi.ts';

const params = z.object({ slug: z.string().min(1), orderId: z.uuid() });
const idempotent = z.object({
  'Idempotency-Key': z.string().min(8).max(255).describe('One per operator action; reuse it to retry'),
});
const denied = {
  401: problem('Missing, malformed, unknown or revoked API key, or no live staff session'),
  403: problem(
    'Staff session only: role-required (required_role names the role), password-change-required, or csrf-token-invalid (a write without the X-CSRF-Token of the session)',
  ),
  404: problem("Unknown restaurant or order, or another restaurant's"),
  429: problem('Rate limited (per key or staff member, and per IP); see Retry-After'),
};

/** The operator API in the OpenAPI document: pass to `openApiDocument`. */
export function registerOperatorRoutes(registry: OpenAPIRegistry): void {
  const bearer = registry.registerComponent('securitySchemes', 'operatorKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Per-restaurant operator key `rk_<prefix>_<secret>` (cli keys:create)',
  });
  // Either an API key or a staff session (whose role must allow the route).
  const security = [{ [bearer.name]: [] }, registerSessionRoutes(registry)];
  registerAvailabilityRoutes(registry, security);
  registerStaffRoutes(registry, security, denied);
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/orders',
    tags: ['operator'],
    summary: "The restaurant's orders, newest first, with filters, search and cursor pagination",
    security,
    request: { params: params.pick({ slug: true }), query: OrderListQuery },
    responses: {
      200: json('One page of order summaries', OrderList),
      400: problem('Unknown query parameter'),
      422: problem('Invalid filter, limit or cursor'),
      ...denied,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/orders/events',
    tags: ['operator'],
    summary:
      "Every change of the restaurant's orders, live (Server-Sent Events), from any API process. `event: order` carries the order's list summary; `event: ready` (data `{resumed}`) says the stream is live. Reconnecting with `Last-Event-ID` first replays every order changed since (or `event: reset` past 500: reload the list).",
    security,
    request: {
      params: params.pick({ slug: true }),
      headers: z.object({
        'Last-Event-ID': z.string().regex(/^\d+$/).optional().describe('The id of the last event received'),
      }),
    },
    responses: {
      200: {
        description:
          '`text/event-stream`: `event: order` (an order summary), `event: ready`, `event: reset`; `: keep-alive` comments every 15 s',
        content: { 'text/event-stream': { schema: OrderSummary } },
      },
      400: problem('Last-Event-ID is not an id from this stream'),
      ...denied,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/orders/{orderId}',
    tags: ['operator'],
    summary: 'The full order: items, customer, payment, refund ledger, flags, jobs and timeline',
    security,
    request: { params },
    responses: { 200: json('The order', OperatorOrderView), ...denied },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/clients/{slug}/orders/{orderId}/refunds',
    tags: ['operator'],
    summary: 'Refund part or all (amount omitted) of what is still refundable',
    security,
    request: {
      params,
      headers: idempotent,
      body: { content: { 'application/json': { schema: CreateRefundRequest } } },
    },
    responses: {
      201: json('The ledger row (pending until Stripe settles it, or succeeded)', RefundView),
      400: problem('Missing Idempotency-Key or unknown fields'),
      409: problem('Order not paid, or more than the refundable amount (refundable_amount)'),
      422: problem('Invalid body, refused by Stripe, or the key was used with a different body'),
      503: problem('Stripe unavailable; the refund is held pending, retry with the same key'),
      ...denied,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/clients/{slug}/orders/{orderId}/cancel',
    tags: ['operator'],
    summary: 'Cancel: unpaid cancels the PaymentIntent, paid refunds the rest; the order ends cancelled',
    security,
    request: {
      params,
      headers: idempotent,
      body: { content: { 'application/json': { schema: CancelOrderRequest } } },
    },
    responses: {
      200: json('The cancelled order (also for an order that was already cancelled)', OperatorOrderView),
      400: problem('Missing Idempotency-Key or unknown fields'),
      409: problem('Completed order, or the payment is still processing'),
      503: problem('Stripe unavailable; retry with the same key'),
      ...denied,
    },
  });
  const action = (path: string, summary: string, schema: z.ZodType, conflicts: string) =>
    registry.registerPath({
      method: 'post',
      path: `/api/clients/{slug}/orders/{orderId}/${path}`,
      tags: ['operator'],
      summary,
      security,
      request: { params, headers: idempotent, body: { content: { 'application/json': { schema } } } },
      responses: {
        200: json('The order as it ends up', OperatorOrderView),
        400: problem('Missing Idempotency-Key or unknown fields'),
        409: problem(conflicts),
        422: problem('Invalid body, or the key was used with a different body'),
        503: problem('Stripe unavailable: nothing changed; retry with the same key'),
        ...denied,
      },
    });
  action(
    'accept',
    'Accept an order waiting for the restaurant: capture all of the authorization, or less (the rest is released)',
    AcceptOrderRequest,
    'order-not-awaiting-acceptance, order-being-rejected, order-being-accepted, capture-exceeds-authorized, authorization-gone (the hold lapsed: released)',
  );
  action(
    'reject',
    'Reject an order waiting for the restaurant: the authorization is released, the diner is not charged and is emailed',
    RejectOrderRequest,
    'order-not-awaiting-acceptance (accepted or cancelled meanwhile), order-being-accepted',
  );
  action(
    'status',
    'Move a confirmed order through the kitchen: preparing, ready (emails the diner), completed; forward only',
    KitchenStatusRequest,
    'status-not-forward (going back), order-not-accepted (not confirmed yet, cancelled or in review)',
  );
}
