import type { ProblemType } from '@repo/contracts';

/** A field that failed validation, by its path in the request body. */
export interface FieldError {
  path: string;
  message: string;
}

/** Base of the domain errors; the error middleware maps each to an RFC 9457 problem. */
export class DomainError extends Error {
  readonly status: number;
  readonly type: ProblemType;
  readonly title: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    type: ProblemType,
    title: string,
    detail: string,
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.extensions = extensions;
    this.headers = headers;
  }
}

export class ValidationError extends DomainError {
  constructor(detail: string, errors: FieldError[], status = 422) {
    super(status, 'validation-error', 'Your request is not valid', detail, { errors });
  }
}

export class BadRequestError extends DomainError {
  constructor(detail: string, type: ProblemType = 'bad-request') {
    super(400, type, 'Bad request', detail);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'A valid API key is required.') {
    super(401, 'unauthorized', 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });
  }
}

/** An authenticated caller refused: a missing CSRF token, a password to change first, a role too low. */
export class ForbiddenError extends DomainError {
  constructor(type: ProblemType, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(403, type, title, detail, extensions);
  }
}

export class NotFoundError extends DomainError {
  constructor(detail = 'Not found.') {
    super(404, 'not-found', 'Not found', detail);
  }
}

/** The resource existed and is no longer served (an expired order link). */
export class GoneError extends DomainError {
  constructor(type: ProblemType, title: string, detail: string) {
    super(410, type, title, detail);
  }
}

export class ConflictError extends DomainError {
  constructor(type: ProblemType, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(409, type, title, detail, extensions);
  }
}

export class PaymentDeclinedError extends DomainError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(402, 'payment-declined', 'Payment declined', detail, extensions);
  }
}

export class ProviderUnavailableError extends DomainError {
  constructor(
    detail = 'The payment provider is unavailable. Please try again shortly.',
    retryAfterSeconds = 5,
  ) {
    super(
      503,
      'provider-unavailable',
      'Payment provider unavailable',
      detail,
      {},
      {
        'Retry-After': String(retryAfterSeconds),
      },
    );
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      'rate-limited',
      'Too many requests',
      'Too many requests. Please slow down.',
      {},
      {
        'Retry-After': String(retryAfterSeconds),
      },
    );
  }
}

/** A well-formed request the restaurant cannot serve now (closed, paused, sold out, a bad slot). */
export class UnprocessableError extends DomainError {
  constructor(type: ProblemType, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(422, type, title, detail, extensions);
  }
}
