const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value from outside (a URL, Stripe metadata, a cursor) is a UUID, checked before it
 * reaches a `uuid` column: PostgreSQL would refuse anything else with an error, not a miss.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
