import { fingerprint } from './order-storage.ts';

describe('fingerprint', () => {
  it('when the same order body is sent twice, then it has the same 16-digit fingerprint', () => {
    const body = JSON.stringify({ items: [{ menu_item_id: 'a', quantity: 2 }], tip: 150 });
    expect(fingerprint(body)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(body)).toBe(fingerprint(`${body}`));
  });

  it.each([
    ['the tip', '{"tip":150}', '{"tip":151}'],
    ['a quantity', '{"quantity":2}', '{"quantity":3}'],
    ['the order of two characters', '{"ab":1}', '{"ba":1}'],
    ['one character at the end', '', ' '],
  ])('when only %s changes, then the fingerprint changes', (_name, before, after) => {
    expect(fingerprint(after)).not.toBe(fingerprint(before));
  });
});
