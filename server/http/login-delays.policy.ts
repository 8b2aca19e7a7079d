/**
 * Growing delays after wrong passwords, instead of a lock-out that anyone could trigger to
 * keep the owner out. A counter allows `freeFailures` wrong passwords; after that each further
 * attempt waits `firstDelayMs`, doubling with every failure up to `maxDelayMs`. A counter
 * without a failure for `forgetAfterMs` starts again from zero.
 */
export interface DelayRule {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface LoginDelayRules {
  /** One account from one address (the owner mistyping, or one attacker). */
  pair: DelayRule;
  /** One account from every address but the owner's usual ones (a crowd of addresses guessing). */
  account: DelayRule;
  forgetAfterMs: number;
}

const minute = 60 * 1000;

export const defaultLoginDelayRules: LoginDelayRules = {
  pair: { freeFailures: 3, firstDelayMs: 1000, maxDelayMs: 15 * minute },
  account: { freeFailures: 10, firstDelayMs: 1000, maxDelayMs: 30 * minute },
  forgetAfterMs: 24 * 60 * minute,
};

export interface FailureCounter {
  failures: number;
  lastFailureAt: Date | null;
}

/** The failures that still count at `now`. */
export function failuresCounting(counter: FailureCounter, rules: LoginDelayRules, now: number): number {
  if (!counter.lastFailureAt || now - counter.lastFailureAt.getTime() > rules.forgetAfterMs) return 0;
  return counter.failures;
}

/** The delay owed after this many failures. */
export function delayAfter(failures: number, rule: DelayRule): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(failures - rule.freeFailures, 40));
}

/** How long the next attempt must still wait (0: it may be checked now). */
export function waitBeforeAttempt(counter: FailureCounter, rule: DelayRule, rules: LoginDelayRules, now: number): number {
  const failures = failuresCounting(counter, rules, now);
  if (failures === 0 || !counter.lastFailureAt) return 0;
  return Math.max(0, counter.lastFailureAt.getTime() + delayAfter(failures, rule) - now);
}
