import { MinorUnits } from './money.ts';

describe('MinorUnits', () => {
  it('when given a fractional amount, then it rejects it', () => {
    expect(MinorUnits.safeParse(12.5).success).toBe(false);
    expect(MinorUnits.safeParse(1250).success).toBe(true);
  });
});
