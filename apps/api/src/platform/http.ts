import type { ProblemType } from '@repo/contracts';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { databaseErrorClass } from './db/database-errors.ts';
import { BadRequestError, DomainError, type FieldError, NotFoundError, ValidationError } from './errors.ts';
import { fingerprintOf, requireIdempotencyKey, type StoredResponse } from './idempotency.ts';
import type { Logger } from './logger.ts';

/** Turns zod issues into field errors whose paths read like `items.0.quantity`. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: 'is not an accepted field',
      }));
    }
    return [{ path: issue.path.join('.') || '(body)', message: issue.message }];
  });
}

/** Validates input with a contract schema, or throws a 4xx problem naming every bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what = 'request body',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error);
  const status = result.error.issues.some((issue) => issue.code === 'unrecognized_keys') ? 400 : 422;
  throw new ValidationError(`The ${what} has ${errors.length} invalid field(s).`, errors, status);
}

export function problemType(slug: ProblemType): string {
  return `/problems/${slug}`;
}

export const notFound: RequestHandler = (req) => {
  throw new NotFoundError(`No route for ${req.method} ${req.path}.`);
};

interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message: string;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req: Request, res, _next) => {
    const log = req.log ?? logger;
    let status = 500;
    let body: Record<string, unknown>;
    if (err instanceof DomainError) {
      status = err.status;
      for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
      body = {
        type: problemType(err.type),
        title: err.title,
        status,
        detail: err.message,
        ...err.extensions,
      };
    } else if (isClientHttpError(err)) {
      // body-parser and friends: malformed JSON, oversized bodies, wrong charset.
      status = err.status ?? err.statusCode ?? 400;
      body = {
        type: problemType(clientProblemType(status)),
        title: 'Bad request',
        status,
        detail: err.message,
      };
    } else if (databaseErrorClass(err) === 'data') {
      // A value the database cannot hold (NUL bytes, out-of-range dates) that validation let through.
      status = 422;
      log.warn({ err }, 'input rejected by the database');
      body = {
        type: problemType('invalid-value'),
        title: 'Invalid value',
        status,
        detail: 'A value in the request cannot be stored.',
      };
    } else if (databaseErrorClass(err) === 'unavailable') {
      // A restart or failover: the pool reconnects as soon as the database accepts connections.
      status = 503;
      log.warn({ err }, 'database unavailable; asking the client to retry');
      res.setHeader('Retry-After', '2');
      body = {
        type: problemType('service-unavailable'),
        title: 'Service unavailable',
        status,
        detail: 'The service is briefly unavailable. Please retry shortly.',
      };
    } else if (databaseErrorClass(err) === 'contention') {
      status = 503;
      log.warn({ err }, 'database contention; asking the client to retry');
      res.setHeader('Retry-After', '2');
      body = {
        type: problemType('busy'),
        title: 'Busy',
        status,
        detail: 'The order is busy with another change. Please retry shortly.',
      };
    } else {
      log.error({ err }, 'unhandled error');
      body = {
        type: problemType('internal'),
        title: 'Internal server error',
        status,
        detail: 'Something went wrong on our side. Please try again.',
      };
    }
    body.instance = req.originalUrl;
    const requestId = res.getHeader('x-request-id');
    if (requestId) body.request_id = requestId;
    if (res.headersSent) return;
    res.status(status).type('application/problem+json').send(JSON.stringify(body));
  };
}

/** body-parser's own error types are its internals: the status says what the client did wrong. */
function clientProblemType(status: number): ProblemType {
  if (status === 413) return 'payload-too-large';
  if (status === 415) return 'unsupported-media-type';
  return 'bad-request';
}

function isClientHttpError(err: unknown): err is HttpErrorLike {
  if (typeof err !== 'object' || err === null) return false;
  const candidate = err as HttpErrorLike;
  const status = candidate.status ?? candidate.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && candidate.expose !== false;
}

/** A write's Idempotency-Key, checked, and the fingerprint of the request it is sent with. */
export interface KeyedRequest {
  idempotencyKey: string;
  fingerprint: string;
}

/**
 * Reads a write's Idempotency-Key (400 when missing or malformed). `request` is what a retry must
 * repeat exactly: the body, with the action and the resource when keys are shared across them.
 */
export function keyedRequest(req: Request, request: unknown = req.body): KeyedRequest {
  return {
    idempotencyKey: requireIdempotencyKey(req.get('Idempotency-Key')),
    fingerprint: fingerprintOf(request),
  };
}

/**
 * For a route whose resource may not exist: an input problem (a 400 or 422 from the route's own
 * parsing) answers 404 instead when `check` finds no resource, as if it had been looked up first.
 */
export function missingBeforeInvalid(
  check: (req: Request, res: Response) => Promise<unknown>,
): ErrorRequestHandler {
  return async (err: unknown, req, res, next) => {
    if (err instanceof ValidationError || err instanceof BadRequestError) await check(req, res);
    next(err);
  };
}

/** Runs `handlers` in turn, as a route would, for the requests `applies` picks; others pass on. */
export function onlyWhen(applies: (req: Request) => boolean, ...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    if (!applies(req)) return next();
    const queue = [...handlers];
    const step = (error?: unknown): void => {
      const handler = queue.shift();
      if (error !== undefined || !handler) {
        next(error);
        return;
      }
      Promise.resolve(handler(req, res, step)).catch(step);
    };
    step();
  };
}

/** Sends a response kept under an Idempotency-Key, marking replays as Stripe does. */
export function sendStored(res: Response, stored: StoredResponse): void {
  if (stored.replayed) res.set('Idempotent-Replayed', 'true');
  res.status(stored.status).type('application/json').send(stored.body);
}
