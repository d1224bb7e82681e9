import { fieldIdFor } from './field-errors.ts';

describe('fieldIdFor', () => {
  it.each([
    ['customer.name', 'customer-name'],
    ['customer.email', 'customer-email'],
    ['delivery_address.postal_code', 'delivery-address-postal-code'],
    ['scheduled_time', 'scheduled-time'],
    ['tip', 'tip'],
    ['items', 'cart-summary'],
    ['items.0.modifiers.1.selections', 'cart-summary'],
  ])('when the API reports a problem at %s, then it is shown at #%s', (path, id) => {
    expect(fieldIdFor(path)).toBe(id);
  });
});
