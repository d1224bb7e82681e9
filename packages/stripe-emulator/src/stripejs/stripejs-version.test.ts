import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stripeJsBundle } from './serve.ts';

/** The release train the installed @stripe/stripe-js expects Stripe.js to report (`RELEASE_TRAIN`). */
function expectedRelease(): string {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('@stripe/stripe-js/package.json'));
  const source = readFileSync(path.join(root, 'dist/index.mjs'), 'utf8');
  const match = /var RELEASE_TRAIN = '([^']+)'/.exec(source);
  if (!match?.[1]) throw new Error('@stripe/stripe-js no longer names its RELEASE_TRAIN this way');
  return match[1];
}

describe('the Stripe.js stand-in', () => {
  it('when @stripe/stripe-js loads it, then it reports the release that package expects, so no version warning is logged', () => {
    const release = expectedRelease();
    expect(stripeJsBundle()).toContain(`const STRIPE_JS_RELEASE = '${release}';`);
  });
});
