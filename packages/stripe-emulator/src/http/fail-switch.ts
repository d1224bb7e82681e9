import type { NextFunction, Request, Response } from 'express';
import type { FailRequestsOptions } from '../types.ts';

/** Makes the next N API requests fail the way Stripe does under load or outage. */
export class FailSwitch {
  private pending: FailRequestsOptions | null = null;

  set(opts: FailRequestsOptions): void {
    this.pending = opts.count > 0 ? { ...opts } : null;
  }

  reset(): void {
    this.pending = null;
  }

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    const failure = this.pending;
    if (!failure) {
      next();
      return;
    }
    failure.count -= 1;
    if (failure.count <= 0) this.pending = null;
    const body =
      failure.status === 429
        ? {
            type: 'invalid_request_error',
            code: 'rate_limit',
            message: 'Request rate limit exceeded. (emulated)',
          }
        : { type: 'api_error', message: 'An unknown error occurred (emulated outage).' };
    const answer = () => {
      if (!res.headersSent) res.status(failure.status).json({ error: body });
    };
    if (failure.latencyMs) setTimeout(answer, failure.latencyMs).unref();
    else answer();
  };
}
