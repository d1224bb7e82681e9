/** How far a signature's timestamp may stray from our clock, either way: the Stripe SDK's default. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Whether a Stripe-Signature header is dated further ahead of our clock than the tolerance. The SDK
 * refuses a timestamp that far behind but accepts any ahead, so a delivery signed with a clock set
 * forward would stay replayable until that time. As in the SDK, the last `t=` counts.
 */
export function isDatedAhead(header: string | undefined, nowMs = Date.now()): boolean {
  const stamps = (header ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('t='));
  const signedAt = Number(stamps.at(-1)?.slice(2));
  return Number.isFinite(signedAt) && signedAt > nowMs / 1000 + SIGNATURE_TOLERANCE_SECONDS;
}
