import type { Request, RequestHandler, Response } from 'express';
import Stripe from 'stripe';
import type { Domain } from '../domain/context.ts';
import type { Cause } from '../domain/events.ts';
import type { Params } from '../domain/params.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { AuthInfo } from './auth.ts';
import { applyExpand } from './expand.ts';
import { checkParams, type Fields } from './params/spec.ts';

export interface ApiCall {
  params: Params;
  path: Record<string, string>;
  auth: AuthInfo;
  cause: Cause;
}

export type ApiHandler = (call: ApiCall) => object;

interface Outcome {
  status: number;
  body: unknown;
  requestId?: string;
}

function run(domain: Domain, handler: ApiHandler, call: ApiCall, log: (line: string) => void): Outcome {
  try {
    const body = JSON.parse(JSON.stringify(handler(call))) as Record<string, unknown>;
    return { status: 200, body: applyExpand(domain.store, body, call.params.expand) };
  } catch (error) {
    const requestLogUrl = `https://dashboard.stripe.com/test/logs/${call.cause.requestId}`;
    if (error instanceof ApiError) {
      return { status: error.status, body: { error: { ...error.body, request_log_url: requestLogUrl } } };
    }
    log(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
    return {
      status: 500,
      body: {
        error: { type: 'api_error', message: 'An unknown error occurred', request_log_url: requestLogUrl },
      },
    };
  }
}

function idempotencyMismatch(key: string): Outcome {
  const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
  return { status: 400, body: { error: { type: 'idempotency_error', message } } };
}

/** A request Stripe refuses in validation never started, so its answer is not kept for the key. */
function refusedParams(params: Params, fields: Fields, requestId: string): Outcome | undefined {
  try {
    checkParams(params, fields);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const requestLogUrl = `https://dashboard.stripe.com/test/logs/${requestId}`;
    return { status: error.status, body: { error: { ...error.body, request_log_url: requestLogUrl } } };
  }
}

/** Wraps a synchronous API handler with Stripe's parameter checks, idempotency, error shape and webhook timing. */
export function apiRoute(
  domain: Domain,
  fields: Fields,
  handler: ApiHandler,
  log: (line: string) => void,
): RequestHandler {
  return (req: Request, res: Response) => {
    const params = ((req.method === 'GET' ? req.query : req.body) ?? {}) as Params;
    const requestId = newId('req');
    const idempotencyKey = req.method === 'POST' ? (req.get('idempotency-key') ?? null) : null;
    const auth = res.locals.auth as AuthInfo;
    const cause: Cause = {
      requestId,
      idempotencyKey,
      apiVersion: req.get('stripe-version') ?? Stripe.API_VERSION,
      pending: [],
    };
    const call: ApiCall = { params, path: req.params as Record<string, string>, auth, cause };
    res.setHeader('Request-Id', requestId);
    const refused = refusedParams(params, fields, requestId);
    if (refused) {
      res.status(refused.status).json(refused.body);
      return;
    }
    let outcome: Outcome;
    if (idempotencyKey === null) {
      outcome = run(domain, handler, call, log);
    } else {
      const scope = `${auth.key}\u0000${idempotencyKey}`;
      const fingerprint = JSON.stringify([req.method, req.path, params]);
      const saved = domain.store.idempotency.get(scope);
      if (saved && saved.fingerprint !== fingerprint) {
        outcome = idempotencyMismatch(idempotencyKey);
      } else if (saved?.response) {
        outcome = saved.response;
        res.setHeader('Idempotent-Replayed', 'true');
        if (saved.response.requestId) res.setHeader('Original-Request', saved.response.requestId);
      } else {
        domain.store.idempotency.set(scope, { fingerprint });
        outcome = run(domain, handler, call, log);
        domain.store.idempotency.set(scope, { fingerprint, response: { ...outcome, requestId } });
      }
      res.setHeader('Idempotency-Key', idempotencyKey);
    }
    res.status(outcome.status).json(outcome.body);
    res.once('finish', () => void domain.events.flush(cause));
    res.once('close', () => void domain.events.flush(cause));
  };
}
