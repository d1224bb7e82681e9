import type { RequestHandler } from 'express';
import type { Domain } from '../domain/context.ts';
import { resourceMissing } from '../errors.ts';
import type { StripeResource } from '../types.ts';
import { requireAccess } from './auth.ts';
import { type ApiHandler, apiRoute } from './handler.ts';
import type { Fields } from './params/spec.ts';

/** What every /v1 route file needs: the domain, and handlers wrapped with checks and idempotency. */
export interface RouteKit {
  domain: Domain;
  route(fields: Fields, handler: ApiHandler): RequestHandler;
}

export function routeKit(domain: Domain, log: (line: string) => void): RouteKit {
  return { domain, route: (fields, handler) => apiRoute(domain, fields, handler, log) };
}

/** A handler that only secret keys, and restricted keys granted this access, may call. */
export function allowed(resource: StripeResource, access: 'read' | 'write', handler: ApiHandler): ApiHandler {
  return (call) => {
    requireAccess(call.auth, resource, access);
    return handler(call);
  };
}

export function find<T>(map: Map<string, T>, kind: string, id: string): T {
  const found = map.get(id);
  if (!found) throw resourceMissing(kind, id);
  return found;
}
