import { Writable } from 'node:stream';
import { createLogger, scrubText } from './logger.ts';

function capture(nodeEnv: 'development' | 'production') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return {
    logger: createLogger({ NODE_ENV: nodeEnv, LOG_LEVEL: 'info' }, sink),
    output: () => lines.join(''),
  };
}

describe('logger redaction', () => {
  it('when text carries card numbers, secrets or emails, then they are masked', () => {
    const text =
      'card 4242 4242 4242 4242 key sk_test_51Habcdefghijkl secret whsec_abcdefghijk mail ada.lovelace@example.com';
    const scrubbed = scrubText(text, true);
    expect(scrubbed).not.toMatch(/4242 4242|sk_test_51H|whsec_abcdef|ada\.lovelace@/);
    expect(scrubbed).toContain('a***@example.com');
    expect(scrubText('ada@example.com', false)).toBe('ada@example.com');
  });

  it('when an id opens with digits only (a UUID, say), then it is not taken for a card', () => {
    const id = '12345678-9012-3456-a789-0123456789ab';
    expect(scrubText(`order ${id} and card 4242-4242-4242-4242.`, true)).toBe(
      `order ${id} and card [card redacted].`,
    );
  });

  it('when an object is logged in production, then authorization headers, secrets, cards and emails are masked', () => {
    const { logger, output } = capture('production');
    logger.info(
      {
        req: {
          headers: {
            authorization: 'Bearer rk_abc_secretsecretsecretsecret1234',
            'stripe-signature': 't=1,v1=abc',
          },
        },
        customer: 'ada@example.com',
        note: 'paid with 4000 0000 0000 0002',
        order: { client_secret: 'pi_1_secret_2' },
      },
      'order for ada@example.com',
    );
    const out = output();
    expect(out).not.toMatch(/rk_abc_secret|ada@example\.com|4000 0000 0000 0002|pi_1_secret_2|v1=abc/);
    expect(out).toContain('a***@example.com');
    expect(out).toContain('[redacted]');
  });

  it('when logging in development, then emails stay readable but cards do not', () => {
    const { logger, output } = capture('development');
    logger.info({ note: 'card 4242424242424242' }, 'for ada@example.com');
    expect(output()).toContain('ada@example.com');
    expect(output()).not.toContain('4242424242424242');
  });

  it('when a lost database connection is logged, then neither its client (with the password) nor a secret in the message is', () => {
    const { logger, output } = capture('production');
    const error = Object.assign(new Error('Connection terminated for ot_T3JkZXJUb2tlblZhbHVlMDAw'), {
      code: 'ECONNRESET',
      client: { connectionParameters: { password: 'hunter2-database-password' } },
    });
    logger.warn({ err: error }, 'idle database connection lost');
    expect(output()).toContain('ECONNRESET');
    expect(output()).not.toMatch(/hunter2|ot_T3JkZXJ/);
  });
});
