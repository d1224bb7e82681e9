// Runs in the browser as part of the served stripe.js: no runtime imports.

export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
  postalCode: string;
}

export type CardField = keyof CardInput;

export interface CardFieldError {
  field: CardField;
  code: string;
  message: string;
}

export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

export function formatCardNumber(value: string): string {
  return digitsOf(value)
    .slice(0, 16)
    .replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function formatExpiry(value: string): string {
  let digits = digitsOf(value).slice(0, 4);
  if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
  return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2)}` : digits;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function parseExpiry(expiry: string): { month: number; year: number } {
  const digits = digitsOf(expiry);
  return { month: Number(digits.slice(0, 2)), year: 2000 + Number(digits.slice(2, 4)) };
}

/** American Express numbers have 15 digits and Diners Club 14; the other brands here 16. */
function expectedLength(number: string): number {
  if (/^3[47]/.test(number)) return 15;
  if (/^3(0[0-5]|[68])/.test(number)) return 14;
  return 16;
}

/** Stripe's wording for each incomplete or invalid field, one error per field. */
export function validateCard(input: CardInput, today = new Date()): CardFieldError[] {
  const errors: CardFieldError[] = [];
  const number = digitsOf(input.number);
  if (number.length < expectedLength(number)) {
    errors.push({ field: 'number', code: 'incomplete_number', message: 'Your card number is incomplete.' });
  } else if (!luhn(number)) {
    errors.push({ field: 'number', code: 'invalid_number', message: 'Your card number is invalid.' });
  }
  const expiryDigits = digitsOf(input.expiry);
  const { month, year } = parseExpiry(input.expiry);
  const thisYear = today.getFullYear();
  if (expiryDigits.length < 4) {
    errors.push({
      field: 'expiry',
      code: 'incomplete_expiry',
      message: "Your card's expiration date is incomplete.",
    });
  } else if (month < 1 || month > 12) {
    errors.push({
      field: 'expiry',
      code: 'invalid_expiry_month',
      message: "Your card's expiration date is invalid.",
    });
  } else if (year < thisYear) {
    errors.push({
      field: 'expiry',
      code: 'invalid_expiry_year_past',
      message: "Your card's expiration year is in the past.",
    });
  } else if (year === thisYear && month < today.getMonth() + 1) {
    errors.push({
      field: 'expiry',
      code: 'invalid_expiry_month_past',
      message: "Your card's expiration date is in the past.",
    });
  }
  if (digitsOf(input.cvc).length < 3) {
    errors.push({
      field: 'cvc',
      code: 'incomplete_cvc',
      message: "Your card's security code is incomplete.",
    });
  }
  if (input.postalCode.trim().length < 3) {
    errors.push({ field: 'postalCode', code: 'incomplete_zip', message: 'Your postal code is incomplete.' });
  }
  return errors;
}

export function isEmpty(input: CardInput): boolean {
  return !input.number && !input.expiry && !input.cvc && !input.postalCode;
}
