import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Availability, AvailabilityPatch, HoursView, PauseRequest, PutHoursRequest } from './availability.ts';
import { body, json, problem } from './openapi-parts.ts';

const slug = z.object({ slug: z.string().min(1) });
const denied = {
  401: problem('Missing, malformed, unknown or revoked API key, or no live staff session'),
  403: problem(
    'Staff session only: role-required (required_role: PUT hours needs a manager), password-change-required, or csrf-token-invalid',
  ),
  404: problem("Unknown restaurant, item or option, or another restaurant's"),
  429: problem('Rate limited (per key or staff member, and per IP); see Retry-After'),
};

/** Flow 11 in the OpenAPI document: the diner's live availability and the operator's switches. */
export function registerAvailabilityRoutes(registry: OpenAPIRegistry, security: Record<string, string[]>[]) {
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/availability',
    tags: ['diner'],
    summary: 'Open now, next opening and closing, pause, sold-out ids, ASAP estimate and bookable slots',
    request: { params: slug, headers: z.object({ 'If-None-Match': z.string().optional() }) },
    responses: {
      200: json('Live availability (Cache-Control max-age=5, ETag)', Availability),
      304: { description: 'Unchanged since the ETag given in If-None-Match' },
      404: problem('No such restaurant'),
    },
  });
  const hours = { ...denied, 400: problem('Unknown fields'), 422: problem('Invalid hours') };
  registry.registerPath({
    method: 'get',
    path: '/api/clients/{slug}/hours',
    tags: ['operator'],
    summary: "The restaurant's weekly hours and closures, in its time zone",
    security,
    request: { params: slug },
    responses: { 200: json('The hours', HoursView), ...denied },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/clients/{slug}/hours',
    tags: ['operator'],
    summary: 'Replace the weekly hours and closures (null: open at every hour)',
    security,
    request: { params: slug, body: body(PutHoursRequest) },
    responses: { 200: json('The hours as stored', HoursView), ...hours },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/clients/{slug}/pause',
    tags: ['operator'],
    summary: 'Pause online ordering for 5–240 minutes, or until a time (placing answers ordering-paused)',
    security,
    request: { params: slug, body: body(PauseRequest) },
    responses: { 200: json('Availability after the pause', Availability), ...hours },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/clients/{slug}/resume',
    tags: ['operator'],
    summary: 'Resume online ordering now',
    security,
    request: { params: slug },
    responses: { 200: json('Availability after resuming', Availability), ...denied },
  });
  for (const kind of ['items', 'options'] as const)
    registry.registerPath({
      method: 'patch',
      path: `/api/clients/{slug}/menu/${kind}/{id}`,
      tags: ['operator'],
      summary: `Mark a menu ${kind === 'items' ? 'item' : 'option'} sold out (false) or available again (true)`,
      security,
      request: { params: slug.extend({ id: z.uuid() }), body: body(AvailabilityPatch) },
      responses: { 200: json('Availability after the change', Availability), ...hours },
    });
}
