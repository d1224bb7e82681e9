/** Deeper than this, a body is kept as text: PostgreSQL parses jsonb recursively and runs out of stack. */
export const MAX_JSONB_DEPTH = 64;

/** Escapes and numbers jsonb refuses: the NUL escape, and exponents or digit runs past numeric's range. */
const JSONB_REFUSES = /\\u0000|[eE][+-]?\d{5,}|\d{1000,}/i;

/** How deeply a JSON text nests, counted without parsing it (parsing and walking it could overflow). */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return deepest;
}

/**
 * Where a verified body is stored: as jsonb (`payload`), parsed by PostgreSQL from the text as
 * received, or, when jsonb cannot hold it, as that text (`raw_body`). Either way it is never
 * re-serialized here: JSON.stringify overflows the stack on a deeply nested body.
 */
export function inboxBody(body: string): { payload: string | null; raw_body: string | null } {
  const fits = !JSONB_REFUSES.test(body) && nestingDepth(body, MAX_JSONB_DEPTH) <= MAX_JSONB_DEPTH;
  return fits ? { payload: body, raw_body: null } : { payload: null, raw_body: body };
}

/** A stored event's body, parsed again (for replay). */
export function storedBody(stored: { payload: unknown; raw_body: string | null }): unknown {
  return stored.raw_body === null ? stored.payload : JSON.parse(stored.raw_body);
}
