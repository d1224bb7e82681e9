import type { Params } from '../../domain/params.ts';
import { ApiError, invalidRequest, missingParam } from '../../errors.ts';

/**
 * The parameters one endpoint takes, checked before anything runs so that a request Stripe would
 * refuse is refused here too. `accepted` marks a parameter Stripe takes that the emulator ignores.
 */
export type Spec =
  | { kind: 'string' | 'integer' | 'boolean' | 'map' | 'accepted'; required?: boolean }
  | { kind: 'enum'; values: readonly string[]; required?: boolean }
  | { kind: 'object'; fields: Fields; required?: boolean }
  | { kind: 'array'; of: Spec; required?: boolean };
export type Fields = Record<string, Spec>;

export const str: Spec = { kind: 'string' };
export const int: Spec = { kind: 'integer' };
export const bool: Spec = { kind: 'boolean' };
export const map: Spec = { kind: 'map' };
export const accepted: Spec = { kind: 'accepted' };
export const oneOf = (...values: string[]): Spec => ({ kind: 'enum', values });
export const obj = (fields: Fields): Spec => ({ kind: 'object', fields });
export const list = (of: Spec): Spec => ({ kind: 'array', of });
export const required = (spec: Spec): Spec => ({ ...spec, required: true });

/** `key` is how Stripe.js sends its publishable key, on any call it makes. */
const COMMON: Fields = { key: str };

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function isRecord(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function enumMessage(path: string, values: readonly string[]): string {
  const last = values.at(-1);
  const listed = values.length > 1 ? `${values.slice(0, -1).join(', ')}, or ${last}` : String(last);
  return `Invalid ${path}: must be one of ${listed}`;
}

function checkValue(value: unknown, spec: Spec, path: string): void {
  switch (spec.kind) {
    case 'accepted':
      return;
    case 'string':
      if (typeof value !== 'string')
        throw invalidRequest(`Invalid string: ${shown(value)}`, 'parameter_invalid_string', path);
      return;
    case 'integer':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value))
        throw invalidRequest(`Invalid integer: ${shown(value)}`, 'parameter_invalid_integer', path);
      return;
    case 'boolean':
      if (value !== 'true' && value !== 'false')
        throw invalidRequest(`Invalid boolean: ${shown(value)}`, 'parameter_invalid_boolean', path);
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value))
        throw invalidRequest(enumMessage(path, spec.values), 'parameter_invalid_string', path);
      return;
    case 'map':
      checkMap(value, path);
      return;
    case 'object':
      if (!isRecord(value)) throw invalidRequest('Invalid object', 'parameter_invalid_object', path);
      checkFields(value, spec.fields, path);
      return;
    case 'array':
      if (!Array.isArray(value)) throw invalidRequest('Invalid array', 'parameter_invalid_array', path);
      for (const [index, item] of value.entries()) checkValue(item, spec.of, `${path}[${index}]`);
      return;
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown spec ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Metadata: up to 50 string values under keys of up to 40 characters; '' clears it all. */
function checkMap(value: unknown, path: string): void {
  if (value === '') return;
  if (!isRecord(value)) throw invalidRequest('Invalid object', 'parameter_invalid_object', path);
  const entries = Object.entries(value);
  if (entries.length > 50)
    throw invalidRequest(`Invalid ${path}: must have at most 50 keys`, 'parameter_invalid_object', path);
  for (const [key, item] of entries) {
    if (key.length > 40)
      throw invalidRequest(
        `Invalid ${path}: keys must be at most 40 characters`,
        undefined,
        `${path}[${key}]`,
      );
    if (typeof item !== 'string')
      throw invalidRequest(`Invalid string: ${shown(item)}`, 'parameter_invalid_string', `${path}[${key}]`);
    if (item.length > 500)
      throw invalidRequest(
        `Invalid ${path}: values must be at most 500 characters`,
        undefined,
        `${path}[${key}]`,
      );
  }
}

function checkFields(params: Params, fields: Fields, prefix: string): void {
  const at = (key: string) => (prefix ? `${prefix}[${key}]` : key);
  for (const key of Object.keys(params)) {
    if (!Object.hasOwn(fields, key)) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'parameter_unknown',
        doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
        message: `Received unknown parameter: ${at(key)}`,
        param: at(key),
      });
    }
  }
  for (const [key, spec] of Object.entries(fields)) {
    const value = params[key];
    if (value === undefined || (value === '' && spec.kind !== 'map' && spec.kind !== 'string')) {
      if (spec.required) throw missingParam(at(key));
      continue;
    }
    checkValue(value, spec, at(key));
  }
}

/** Throws Stripe's 400 for the first unknown, ill-typed or missing parameter. */
export function checkParams(params: Params, fields: Fields): void {
  checkFields(params, { ...COMMON, ...fields }, '');
}
