import { CreateOrderRequest } from '@repo/contracts';
import { fieldSentence, postalSentence, tipLimitFor } from './field-words.ts';

const context = { country: 'US', currency: 'usd', tipLimit: tipLimitFor(2_185) };
const FALLBACK = fieldSentence('no.such.field', context);

/** The parts of a zod schema's definition that say where its fields are. */
interface SchemaNode {
  def: { type: string; innerType?: SchemaNode; element?: SchemaNode; shape?: Record<string, SchemaNode> };
}

/** Every field path of the order request, read from its schema: `customer.name`, `items.0.quantity`, … */
function paths(schema: SchemaNode, prefix = ''): string[] {
  const { def } = schema;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, inner]) =>
        paths(inner, prefix ? `${prefix}.${key}` : key),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'pipe':
      return def.innerType ? paths(def.innerType, prefix) : [prefix];
    case 'array':
      return def.element ? paths(def.element, `${prefix}.0`) : [prefix];
    default:
      return [prefix];
  }
}

describe('fieldSentence', () => {
  const fields = paths(CreateOrderRequest as unknown as SchemaNode);

  it('reads every field of the order request', () => {
    expect(fields).toEqual(
      expect.arrayContaining(['customer.phone', 'delivery_address.region', 'items.0.quantity', 'tip']),
    );
  });

  it.each(fields)(
    'when the API refuses %s, then the diner reads a sentence written for that field',
    (path) => {
      const sentence = fieldSentence(path, context);
      expect(sentence).not.toBe(FALLBACK);
      expect(sentence).toMatch(/^[A-Z].*\.$/);
    },
  );

  it('when the tip is over the limit, then the limit is said in dollars, not cents', () => {
    expect(fieldSentence('tip', context)).toBe('The tip can be at most $21.85, the price of your food.');
    expect(fieldSentence('tip', { ...context, tipLimit: tipLimitFor(500_000) })).toBe(
      'The tip can be at most $1,000.00, the price of your food.',
    );
  });

  it.each([
    ['US', 'Please enter a valid ZIP code, like 10013.'],
    ['CA', 'Please enter a valid Postal code, like K1A 0B1.'],
    ['FR', 'Please enter a valid Postal code.'],
  ])('when a postal code of %s is refused, then the diner reads "%s"', (country, sentence) => {
    expect(postalSentence(country)).toBe(sentence);
  });
});
