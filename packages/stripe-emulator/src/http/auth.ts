import type { NextFunction, Request, Response } from 'express';
import type Stripe from 'stripe';
import { ApiError, authError } from '../errors.ts';

export interface AuthInfo {
  kind: 'secret' | 'publishable';
  key: string;
}

function bearerKey(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header) {
    const fromParams = (req.method === 'GET' ? req.query.key : req.body?.key) as unknown;
    return typeof fromParams === 'string' ? fromParams : undefined;
  }
  const [scheme, value = ''] = header.split(' ');
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
  return undefined;
}

function masked(key: string): string {
  return `${key.slice(0, key.indexOf('_', 3) + 1)}****${key.slice(-4)}`;
}

/** Any sk_test_ key is a valid secret key; pk_test_ keys pass here and are narrowed per route. */
export function authenticate(req: Request, res: Response, next: NextFunction): void {
  const key = bearerKey(req);
  if (!key) {
    throw authError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (key.startsWith('sk_test_')) res.locals.auth = { kind: 'secret', key } satisfies AuthInfo;
  else if (key.startsWith('pk_test_')) res.locals.auth = { kind: 'publishable', key } satisfies AuthInfo;
  else throw authError(`Invalid API Key provided: ${masked(key)}`);
  next();
}

export function requireSecretKey(auth: AuthInfo): void {
  if (auth.kind === 'secret') return;
  throw new ApiError(401, {
    type: 'invalid_request_error',
    message:
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
  });
}

/** Stripe.js reads and confirms an intent with the publishable key plus the intent's client_secret. */
export function requireSecretOrClientSecret(
  auth: AuthInfo,
  pi: Stripe.PaymentIntent,
  clientSecret: unknown,
): void {
  if (auth.kind === 'secret') return;
  if (typeof clientSecret !== 'string' || clientSecret !== pi.client_secret) {
    throw new ApiError(400, {
      type: 'invalid_request_error',
      code: 'payment_intent_invalid_parameter',
      param: 'client_secret',
      message:
        'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
    });
  }
}
