import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Menu } from './menu.ts';
import { json, problem } from './openapi-parts.ts';
import { CreateOrderRequest, CreateOrderResponse, DinerOrderView } from './order.ts';

const slug = z.string().min(1).describe('The restaurant, e.g. `demo`.');
const orderId = z.uuid();

/** Extra routes registered by other modules (the operator API) before the document is generated. */
export type RegisterRoutes = (registry: OpenAPIRegistry) => void;

function dinerRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/menu',
    tags: ['diner'],
    summary: "The restaurant's live menu, currency, tax rate, prep time and publishable Stripe key",
    request: { params: z.object({ slug }) },
    responses: { 200: json('The menu', Menu), 404: problem('No such restaurant') },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/clients/{slug}/orders',
    tags: ['diner'],
    summary: 'Price an order on the server, store it as pending_payment and open its PaymentIntent',
    request: {
      params: z.object({ slug }),
      headers: z.object({
        'Idempotency-Key': z.string().min(8).max(255).describe('One per checkout attempt; reuse it on retry'),
      }),
      body: { content: { 'application/json': { schema: CreateOrderRequest } } },
    },
    responses: {
      201: json(
        'The order and the PaymentIntent client secret (replayed byte for byte for the same key and body)',
        CreateOrderResponse,
      ),
      400: problem('Missing Idempotency-Key, malformed JSON, or unknown fields such as prices'),
      402: problem('Declined by the payment provider'),
      404: problem('No such restaurant'),
      409: problem(
        'A request with this key is still in progress, or the menu kept changing while the order was placed (retry)',
      ),
      422: problem(
        'Invalid order (field paths in `errors`), the key was used with a different body, or it cannot be made: restaurant-closed (next_opening), ordering-paused (paused_until), item-unavailable (items, options), scheduled-time-invalid',
      ),
      429: problem('Rate limited'),
      503: problem('Payment provider unavailable; retry with the same key after Retry-After'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/orders/{orderId}',
    tags: ['diner'],
    summary: "The diner's view of an order; re-syncs the payment while it is open",
    request: {
      params: z.object({ slug, orderId }),
      headers: z.object({
        'X-Order-Token': z
          .string()
          .describe(
            "The order_token from order creation, or the ot_link_ token of an email's order link (accepted until 30 days after the order)",
          ),
      }),
    },
    responses: {
      200: json('The order', DinerOrderView),
      404: problem('Unknown order, wrong restaurant, or wrong token'),
      410: problem('order-link-expired: the token is right but the order is more than 30 days old'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/orders/{orderId}/events',
    tags: ['diner'],
    summary:
      'Follows the order live (Server-Sent Events): `event: order` with the diner view at once and after every change; the stream ends when the view is final. Never calls Stripe: while the payment outcome is unknown, poll the GET above, which re-syncs it.',
    request: {
      params: z.object({ slug, orderId }),
      headers: z.object({ 'X-Order-Token': z.string().describe('The order_token from order creation') }),
    },
    responses: {
      200: {
        description:
          '`text/event-stream`: `event: order`, `data:` the diner view (JSON); `: keep-alive` comments',
        content: { 'text/event-stream': { schema: DinerOrderView } },
      },
      404: problem('Unknown order, wrong restaurant, or wrong token'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/payments/webhooks/stripe',
    tags: ['stripe'],
    summary: 'Stripe webhook endpoint (signed with Stripe-Signature; raw body)',
    request: { headers: z.object({ 'Stripe-Signature': z.string() }) },
    responses: {
      200: json(
        'Stored and applied, ignored, or a duplicate',
        z.object({ received: z.literal(true), outcome: z.string(), detail: z.string().nullable() }),
      ),
      400: problem(
        'Missing or invalid signature, tampered body, or a timestamp beyond the tolerance either way (invalid-signature); or a signed body that is not JSON (malformed-event): nothing is stored',
      ),
      500: problem(
        'Stored, but not applied now (an event about one of our orders that this code cannot read: malformed-event, naming the fields); Stripe retries',
      ),
    },
  });
  for (const path of ['/healthz', '/readyz']) {
    registry.registerPath({
      method: 'get',
      path,
      tags: ['ops'],
      summary: path === '/healthz' ? 'The process is alive' : 'The database is reachable and migrated',
      responses: {
        200: json('OK', z.object({ status: z.string() })),
        503: json('Not ready', z.object({ status: z.string() })),
      },
    });
  }
}

/** The OpenAPI 3.1 document, generated from the contract schemas. */
export function openApiDocument(
  ...extra: RegisterRoutes[]
): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  dinerRoutes(registry);
  for (const register of extra) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Restaurant ordering API',
      version: '1.0.0',
      description:
        'Online ordering with card payments: menus, server-priced orders, Stripe webhooks, operator refunds.',
    },
  });
}
