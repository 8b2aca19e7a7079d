import type { Knex } from 'knex';
import type { Request, Response } from 'express';
import type { Options } from 'express-rate-limit';
import { clientNetwork } from '../http/client-network';
import { AppError } from '../http/errors';
import { KnexRateLimitStore } from '../http/rate-limit-store';
import type { Logger } from '../logger';
import type { WorkshopLimits } from './workshop-limits';

const perAddressWindowMs = 60_000;
const alarmWindowMs = 10 * 60_000;
const alarmKey = 'all';

/** The counter key of a client: its address, or its /64 for IPv6 (one client usually holds all of it). */
export const clientKey = clientNetwork;

function alarmStore(db: Knex): KnexRateLimitStore {
  const store = new KnexRateLimitStore(db, 'workshop-code-all');
  store.init({ windowMs: alarmWindowMs } as Options);
  return store;
}

export interface CodeAttempt {
  /** The code was right: the attempt is given back, so a class joining from one address never adds up. */
  right(): Promise<void>;
  /** The code was wrong: the attempt stays counted, and counts towards the alarm. */
  wrong(): Promise<void>;
}

/**
 * Code lookups count per address in the shared rate-limit table (so the limit holds across
 * instances). Each lookup takes an attempt BEFORE the code is looked at, in one upsert that
 * returns the new count, and is refused beyond the limit: a burst of parallel guesses cannot
 * all pass a check that read the count before any of them was added. A right code gives its
 * attempt back. Once over the limit, every lookup from that address is refused for the rest of
 * the minute, right or wrong, so a 429 tells a guesser nothing.
 */
export function codeAttempts(db: Knex, limits: Pick<WorkshopLimits, 'wrongCodesPerAddress' | 'wrongCodesAlarm'>, logger?: Logger) {
  const perAddress = new KnexRateLimitStore(db, 'workshop-code');
  perAddress.init({ windowMs: perAddressWindowMs } as Options);
  const everywhere = alarmStore(db);

  return {
    /** Takes one attempt for this address; throws 429 when it is over the limit. */
    async take(req: Request, res: Response): Promise<CodeAttempt> {
      const key = clientKey(req.ip);
      const { totalHits, resetTime } = await perAddress.increment(key);
      if (totalHits > limits.wrongCodesPerAddress) {
        res.set('Retry-After', String(Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + perAddressWindowMs) - Date.now()) / 1000))));
        throw new AppError(429, 'too_many_wrong_codes', 'workshops:join.tooManyWrongCodes');
      }
      return {
        right: () => perAddress.decrement(key),
        async wrong() {
          const all = await everywhere.increment(alarmKey);
          // Exactly one request sees the count reach the threshold: one line per window, whichever process.
          if (all.totalHits === limits.wrongCodesAlarm) {
            logger?.warn({ wrongCodes: all.totalHits, windowMinutes: alarmWindowMs / 60_000 }, 'workshop codes: many wrong codes from all addresses together, someone may be guessing');
          }
        },
      };
    },
  };
}
export type CodeAttempts = ReturnType<typeof codeAttempts>;

/** Whether wrong codes from all addresses have passed the alarm threshold in the current window (shown to staff). */
export async function codeAlarmRaised(db: Knex, limits: Pick<WorkshopLimits, 'wrongCodesAlarm'>): Promise<boolean> {
  const info = await alarmStore(db).get(alarmKey);
  return Boolean(info && info.totalHits >= limits.wrongCodesAlarm);
}
