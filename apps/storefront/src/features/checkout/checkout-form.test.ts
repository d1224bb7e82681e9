import { withOffset } from './checkout-form.ts';

describe('withOffset', () => {
  it.each(['2030-01-15T18:30', '2030-07-04T09:05', '2030-12-31T23:59'])(
    'when the diner picks %s on their clock, then the sent time names the same instant with its offset',
    (local) => {
      const sent = withOffset(local);
      expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
      expect(sent?.slice(0, 16)).toBe(local);
      expect(new Date(sent ?? '').getTime()).toBe(new Date(local).getTime());
    },
  );

  it.each(['', 'tomorrow', '2030-13-40T25:00'])(
    'when the picker holds "%s", then there is no time',
    (local) => {
      expect(withOffset(local)).toBeNull();
    },
  );
});
