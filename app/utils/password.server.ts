import { hash, verify } from "@node-rs/argon2";
import languageCommon from "@zxcvbn-ts/language-common";

/**
 * OWASP's argon2id minimum (m=19 MiB, t=2, p=1). Algorithm 2 is argon2id in @node-rs/argon2;
 * the numeric literal avoids importing a const enum, which isolatedModules cannot inline.
 */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * None of the 1,000 most common passwords overall is 12 characters long, so that list alone
 * would never refuse anything here. We refuse the 1,000 most common passwords of the ranked
 * zxcvbn-ts list that are long enough to pass the length rule ("123qweasdzxc", "qwerty123456"…)
 * as well as the overall top 1,000, compared case-insensitively.
 */
const rankedCommonPasswords: string[] = languageCommon.dictionary["passwords-common"] ?? [];
const commonPasswords = new Set<string>([
  ...rankedCommonPasswords.slice(0, 1000),
  ...rankedCommonPasswords.filter((candidate) => candidate.length >= PASSWORD_MIN_LENGTH).slice(0, 1000),
]);

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a throwaway password, verified against when the account does not exist, so that a
 * failed sign-in takes the same time whether or not the e-mail address is known. */
let dummyHash: Promise<string> | undefined;
export function getDummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-timing-equaliser");
  return dummyHash;
}
