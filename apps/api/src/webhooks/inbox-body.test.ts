import { jsonbCanHold, MAX_JSONB_DEPTH } from './inbox-body.ts';

const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('jsonbCanHold', () => {
  it.each([
    [
      'a Stripe-like event with ids full of digits and letters',
      '{"id":"evt_3e12345e99999","amount":1200,"x":1.5e3}',
      true,
    ],
    ['a string that looks like a huge number', '{"a":"1e999999","b":"99999999999999999999"}', true],
    ['nesting at the limit', nested(MAX_JSONB_DEPTH), true],
    ['nesting past the limit', nested(MAX_JSONB_DEPTH + 1), false],
    ['a NUL escape in a string', '{"name":"a\\u0000b"}', false],
    ['an escaped backslash before u0000', '{"path":"c:\\\\u0000"}', true],
    ['a number whose exponent numeric cannot hold', '{"n":1e100000}', false],
    ['a number with a thousand digits', `{"n":${'9'.repeat(1000)}}`, false],
    ['brackets inside strings', `{"s":"${'['.repeat(100)}"}`, true],
  ])('when the body has %s, then it answers %s', (_name, text, expected) => {
    expect(jsonbCanHold(text)).toBe(expected);
  });
});
