import { ProblemType } from '@repo/contracts';
import { type ProblemLike, problemSentence } from './problem-text.ts';

const usd = { currency: 'usd' };
const problem = (type: string, status = 409, extras: Record<string, unknown> = {}): ProblemLike => ({
  status,
  type,
  problem: {
    type: `https://example.test/problems/${type}`,
    title: 'API title',
    status,
    detail: 'API detail',
    ...extras,
  },
});

describe('problemSentence', () => {
  it.each(ProblemType.options)(
    'when the API answers %s, then the person reads a plain sentence, not the API words',
    (type) => {
      const sentence = problemSentence(problem(type), usd);
      expect(sentence).toMatch(/^[A-Z“].*[.!]$/u);
      expect(sentence).not.toMatch(/API title|API detail|undefined|null|NaN/);
    },
  );

  it.each([
    [
      'invalid-credentials',
      401,
      {},
      'That email and password do not match an account. Check both and try again.',
    ],
    [
      'role-required',
      403,
      { required_role: 'manager' },
      'Only a manager or an owner can do this. Ask a manager.',
    ],
    ['role-required', 403, { required_role: 'owner' }, 'Only an owner can do this. Ask the owner.'],
    ['csrf-token-invalid', 403, {}, 'Your session changed in another tab. Reload the page and try again.'],
    ['password-change-required', 403, {}, 'Choose a new password before you continue.'],
    [
      'refund-exceeds-refundable',
      409,
      { refundable_amount: 1513 },
      'That is more than can still be refunded: at most $15.13.',
    ],
    [
      'capture-exceeds-authorized',
      409,
      { authorized_amount: 2281 },
      'You can charge at most $22.81, the amount held on the card.',
    ],
  ])(
    'when the API answers %s (%i), then the sentence says what to do, with its amounts',
    (type, status, extras, expected) => {
      expect(problemSentence(problem(type, status, extras), usd)).toBe(expected);
    },
  );

  it('when a validation problem names fields, then the sentence names them', () => {
    const sentence = problemSentence(
      problem('validation-error', 422, {
        errors: [{ path: 'ready_in_minutes', message: 'must be at most 240' }],
      }),
      usd,
    );
    expect(sentence).toBe('Some details are not valid: ready in minutes must be at most 240.');
  });

  it('when the API cannot be reached or answers an unknown problem, then the sentence still says what to do', () => {
    expect(problemSentence({ status: 0, type: null, problem: null }, usd)).toBe(
      'The server cannot be reached. Check the connection and try again.',
    );
    expect(problemSentence({ status: 502, type: null, problem: null }, usd)).toMatch(
      /^Something went wrong on the server/,
    );
    expect(problemSentence(problem('brand-new-type', 403), usd)).toBe(
      'Your role does not allow this. Ask a manager.',
    );
    expect(problemSentence({ status: 401, type: null, problem: null }, usd)).toBe(
      'You are signed out. Sign in again to continue.',
    );
    expect(problemSentence(problem('another-new-type', 418), usd)).toBe(
      'The server refused that (418). Reload the page and try again.',
    );
  });

  it('when the restaurant charges in yen, then amounts are in yen', () => {
    expect(
      problemSentence(problem('refund-exceeds-refundable', 409, { refundable_amount: 1500 }), {
        currency: 'jpy',
      }),
    ).toBe('That is more than can still be refunded: at most ¥1,500.');
  });
});
