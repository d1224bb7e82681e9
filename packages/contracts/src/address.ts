import { postcodeValidatorExistsForCountry } from 'postcode-validator';
import { z } from 'zod';

export { type AddressWords, addressWords, isPostalCode } from './browser.ts';

/**
 * The country a restaurant delivers in, as an ISO 3166-1 alpha-2 code (`US`), limited to the
 * countries whose postal codes postcode-validator can check, so every delivery address can be.
 */
export const Country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. US')
  .refine(postcodeValidatorExistsForCountry, 'a country whose postal codes we can check, e.g. US');
export type Country = z.infer<typeof Country>;
