import { randomBytes, randomInt } from 'node:crypto';
import { hash, type Options, verify } from '@node-rs/argon2';

/**
 * argon2id (`algorithm: 2`: the library's `Algorithm.Argon2id` is a const enum, which this build
 * cannot import) with OWASP's minimum: 19 MiB, 2 passes, 1 lane. The parameters travel in each hash.
 */
const ARGON2ID: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** No i, l, o, 0 or 1: a one-time password is read off a screen and typed on a tablet. */
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A hash this library cannot read matches no password.
    return false;
  }
}

let unmatchable: Promise<string> | undefined;

/** A hash of random bytes that no password matches, made once per process. */
function standInHash(): Promise<string> {
  unmatchable ??= hashPassword(randomBytes(32).toString('hex'));
  return unmatchable;
}

/** Makes the stand-in hash ahead of the first sign-in, which would otherwise pay for it. */
export function prepareStandInHash(): void {
  void standInHash();
}

/**
 * Verifies `password` against a hash of random bytes, with the same parameters as real ones: a
 * sign-in for an unknown email then takes as long as one with a wrong password.
 */
export async function verifyAgainstNobody(password: string): Promise<void> {
  await passwordMatches(await standInHash(), password);
}

/** About 79 bits in four groups of four readable characters: `k7qm-2xhd-9tfw-bn3c`. */
export function oneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join(''),
  );
  return groups.join('-');
}
