import { ProblemType } from '@repo/contracts';
import { problemSentence, sentenceForType } from './problem-words.ts';

const context = { timeZone: 'America/New_York', phone: '+1 212 555 0134' };

/** What developer text looks like: the API's details, validator fragments, Stripe's parameter names. */
const DEVELOPER_TEXT =
  /expected|<=|must |payment_method|problems\/|null|undefined|\bapi\b|idempotency|\bkey\b/i;

const isSentence = (text: string | null) =>
  text !== null && /^[A-Z"]/.test(text) && /[.!]$/.test(text) && !DEVELOPER_TEXT.test(text);

describe('sentenceForType', () => {
  // Every member of the contracts' ProblemType, which lists every type the API answers: a type added
  // there without words here fails this test (and the exhaustive switch fails to compile).
  it.each(ProblemType.options)('when the API answers %s, then the diner reads a sentence of ours', (type) => {
    const detail = 'The order has 1 problem(s): Too big: expected number to be <=100000';
    const sentence = sentenceForType(type, { type: `/problems/${type}`, detail } as never, context);
    expect(isSentence(sentence)).toBe(true);
    expect(sentence).not.toContain(detail);
  });
});

describe('problemSentence', () => {
  it.each([
    [0, null, 'We could not reach the restaurant. Check your connection and try again.'],
    [
      502,
      null,
      "The restaurant's system is not answering. Nothing was charged. Please try again in a moment.",
    ],
    [
      418,
      { type: '/problems/from-a-newer-api' },
      'Something went wrong with your order. Please call the restaurant on +1 212 555 0134.',
    ],
    [
      410,
      { type: '/problems/order-link-expired' },
      'This order link has expired: links work for 30 days after the order. Your confirmation email still has the details.',
    ],
  ])('when the answer is %i with %j, then the diner reads "%s"', (status, problem, sentence) => {
    expect(problemSentence(status, problem, context)).toBe(sentence);
  });

  it('when the restaurant is closed, then the sentence names its opening on its own clock', () => {
    const problem = { type: '/problems/restaurant-closed', next_opening: '2026-12-05T16:30:00Z' };
    expect(problemSentence(422, problem, context)).toMatch(/It opens .*11:30 AM EST/);
  });
});
