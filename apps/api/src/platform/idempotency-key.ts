import { createHash } from 'node:crypto';
import type { RecoveryPoint } from './db/schema.ts';
import { BadRequestError } from './errors.ts';

const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

export interface IdempotencyScope {
  restaurantId: string;
  /** Which client's keys these are (`orders.create` for diners, `OPERATOR_WRITES`): unique within it. */
  scope: string;
  /** A key that passed requireIdempotencyKey. */
  key: string;
  /** The request as received (fingerprintOf), for telling a retry from a different request. */
  fingerprint: string;
}

export type Claim =
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'claimed'; id: string; recoveryPoint: RecoveryPoint; resourceId: string | null };

export type ClaimedKey = Extract<Claim, { kind: 'claimed' }>;

/** A response as sent, or replayed byte for byte under its key. */
export interface StoredResponse {
  status: number;
  body: string;
  replayed: boolean;
}

export function requireIdempotencyKey(key: string | undefined): string {
  if (!key) throw new BadRequestError('The Idempotency-Key header is required.', 'idempotency-key-missing');
  if (!KEY_PATTERN.test(key)) {
    throw new BadRequestError(
      'The Idempotency-Key header must be 8 to 255 visible ASCII characters.',
      'idempotency-key-invalid',
    );
  }
  return key;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}
