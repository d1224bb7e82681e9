/** Deeper than this, a body is kept as text: PostgreSQL parses jsonb recursively and runs out of stack. */
export const MAX_JSONB_DEPTH = 64;
/** Longer exponents or digit runs than these may be out of the range of jsonb's numeric. */
const MAX_EXPONENT_DIGITS = 4;
const MAX_NUMBER_DIGITS = 999;

const BACKSLASH = 0x5c;
const QUOTE = 0x22;

function isDigit(char: number): boolean {
  return char >= 0x30 && char <= 0x39;
}

/**
 * Whether jsonb can hold a JSON text: nested no deeper than MAX_JSONB_DEPTH, no `\u0000` escape in a
 * string (jsonb refuses it), no number too long for numeric. Read in one pass without parsing, since
 * parsing and walking a deep body could itself overflow; numbers are looked at only outside strings,
 * where random ids (`…e12345…`) cannot be mistaken for them.
 */
export function jsonbCanHold(text: string): boolean {
  let depth = 0;
  let inString = false;
  let digits = 0;
  let exponentDigits = -1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === QUOTE) inString = false;
      else if (char === BACKSLASH) {
        if (text.startsWith('u0000', i + 1)) return false;
        i += 1;
      }
    } else if (isDigit(char)) {
      digits += 1;
      if (exponentDigits >= 0) exponentDigits += 1;
      if (digits > MAX_NUMBER_DIGITS || exponentDigits > MAX_EXPONENT_DIGITS) return false;
    } else if (char === 0x65 || char === 0x45) {
      exponentDigits = 0;
    } else if (char !== 0x2b && char !== 0x2d && char !== 0x2e) {
      digits = 0;
      exponentDigits = -1;
      if (char === QUOTE) inString = true;
      else if (char === 0x7b || char === 0x5b) {
        depth += 1;
        if (depth > MAX_JSONB_DEPTH) return false;
      } else if (char === 0x7d || char === 0x5d) depth -= 1;
    }
  }
  return true;
}

/**
 * Where a verified body is stored: as jsonb (`payload`), parsed by PostgreSQL from the text as
 * received, or, when jsonb cannot hold it, as that text (`raw_body`). Either way it is never
 * re-serialized here: JSON.stringify overflows the stack on a deeply nested body.
 */
export function inboxBody(body: string): { payload: string | null; raw_body: string | null } {
  return jsonbCanHold(body) ? { payload: body, raw_body: null } : { payload: null, raw_body: body };
}

/** A stored event's body, parsed again (for replay). */
export function storedBody(stored: { payload: unknown; raw_body: string | null }): unknown {
  return stored.raw_body === null ? stored.payload : JSON.parse(stored.raw_body);
}
