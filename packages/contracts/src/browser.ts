import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';

export * from './format.ts';

/**
 * Plain values and functions the storefront bundles for the browser: nothing here imports zod, so
 * the diner's pages do not carry the schemas.
 */

/** How long after the order its token (the order link in the confirmation email) is accepted. */
export const ORDER_LINK_DAYS = 30;

/** What an address form calls its parts in one country, and whether it needs the region. */
export interface AddressWords {
  region: string;
  postalCode: string;
  /** An example of a valid postal code, for the placeholder and the error message. */
  postalExample: string;
  regionRequired: boolean;
}

const WORDS: Record<string, AddressWords> = {
  US: { region: 'State', postalCode: 'ZIP code', postalExample: '10013', regionRequired: true },
  CA: { region: 'Province', postalCode: 'Postal code', postalExample: 'K1A 0B1', regionRequired: true },
  AU: { region: 'State', postalCode: 'Postcode', postalExample: '2000', regionRequired: true },
  GB: { region: 'County', postalCode: 'Postcode', postalExample: 'SW1A 1AA', regionRequired: false },
  IE: { region: 'County', postalCode: 'Eircode', postalExample: 'D02 X285', regionRequired: false },
};

const OTHER: AddressWords = {
  region: 'State or region',
  postalCode: 'Postal code',
  postalExample: '',
  regionRequired: false,
};

export function addressWords(country: string): AddressWords {
  return WORDS[country] ?? OTHER;
}

/** Whether `code` is a postal code of `country` (false for a country postcode-validator lacks). */
export function isPostalCode(code: string, country: string): boolean {
  return postcodeValidatorExistsForCountry(country) && postcodeValidator(code.trim(), country);
}
