import type { NextFunction, Request, Response } from 'express';
import type Stripe from 'stripe';
import { ApiError, authError, invalidRequest } from '../errors.ts';
import type { KeyPermissions, StripeResource } from '../types.ts';

export interface AuthInfo {
  kind: 'secret' | 'publishable' | 'restricted';
  key: string;
  permissions: KeyPermissions;
}

/** Restricted keys are made in Stripe's Dashboard; here they are registered at start or by control. */
export class RestrictedKeys {
  private readonly initial: Map<string, KeyPermissions>;
  private keys: Map<string, KeyPermissions>;

  constructor(initial: Record<string, KeyPermissions> = {}) {
    this.initial = new Map(Object.entries(initial));
    this.keys = new Map(this.initial);
  }

  add(key: string, permissions: KeyPermissions): void {
    if (!key.startsWith('rk_test_')) throw new Error('restricted keys start with rk_test_');
    this.keys.set(key, { ...permissions });
  }

  get(key: string): KeyPermissions | undefined {
    return this.keys.get(key);
  }

  reset(): void {
    this.keys = new Map(this.initial);
  }
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

function masked(key: string, visible = 4): string {
  const prefix = key.slice(0, key.indexOf('_', 3) + 1);
  return `${prefix}${'*'.repeat(Math.max(4, key.length - prefix.length - visible))}${key.slice(-visible)}`;
}

/** Any sk_test_ key is a valid secret key; pk_test_ and registered rk_test_ keys are narrowed per route. */
export function authenticate(restricted: RestrictedKeys) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = bearerKey(req);
    if (!key) {
      throw authError(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      );
    }
    const permissions = restricted.get(key);
    let auth: AuthInfo;
    if (key.startsWith('sk_test_')) auth = { kind: 'secret', key, permissions: {} };
    else if (key.startsWith('pk_test_')) auth = { kind: 'publishable', key, permissions: {} };
    else if (permissions) auth = { kind: 'restricted', key, permissions };
    else throw authError(`Invalid API Key provided: ${masked(key)}`);
    res.locals.auth = auth;
    next();
  };
}

/** Stripe's answer when a key may not make this call: 401 for a publishable key, 403 for a restricted one. */
export function requireAccess(auth: AuthInfo, resource: StripeResource, access: 'read' | 'write'): void {
  if (auth.kind === 'secret') return;
  if (auth.kind === 'publishable') {
    throw new ApiError(401, {
      type: 'invalid_request_error',
      message:
        'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    });
  }
  const granted = auth.permissions[resource];
  if (granted === 'write' || granted === access) return;
  throw new ApiError(403, {
    type: 'invalid_request_error',
    message: `The provided key '${masked(auth.key, 6)}' does not have the required permissions for this endpoint on account 'acct_emulator'. Having the 'rak_${resource}_${access}' permission would allow this request to continue.`,
  });
}

/** Stripe.js reads and confirms an intent with the publishable key plus the intent's client_secret. */
export function requireIntentAccess(
  auth: AuthInfo,
  pi: Stripe.PaymentIntent,
  clientSecret: unknown,
  access: 'read' | 'write',
): void {
  if (auth.kind !== 'publishable') {
    requireAccess(auth, 'payment_intent', access);
    return;
  }
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

/** Card numbers may reach Stripe only from Stripe.js (a publishable key), never from a server. */
export function refuseRawCardData(auth: AuthInfo, params: Record<string, unknown>): void {
  const data = params.payment_method_data as { card?: unknown } | undefined;
  if (auth.kind === 'publishable' || data?.card === undefined) return;
  throw invalidRequest(
    'Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing. To enable raw card data APIs in test mode, see https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis.',
  );
}
