import { randomInt } from 'node:crypto';

/**
 * Letters and digits that cannot be mistaken for one another (no O/0, no I/1): 32 characters,
 * six of them ≈ 1.07 × 10⁹ codes. At 20 wrong codes a minute per address, finding one of a few
 * dozen open workshops takes an address years on average.
 */
export const joinCodeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const joinCodeLength = 6;
const joinCodePattern = new RegExp(`^[${joinCodeAlphabet}]{${joinCodeLength}}$`);

export function newJoinCode(): string {
  return Array.from({ length: joinCodeLength }, () => joinCodeAlphabet[randomInt(joinCodeAlphabet.length)]).join('');
}

/** "abc 23-4" → "ABC234"; anything that cannot be a code → undefined. */
export function normalisedJoinCode(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return joinCodePattern.test(code) ? code : undefined;
}
