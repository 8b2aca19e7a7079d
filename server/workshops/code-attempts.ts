import type { Knex } from 'knex';
import type { Request, Response } from 'express';
import type { Options } from 'express-rate-limit';
import { AppError } from '../http/errors';
import { KnexRateLimitStore } from '../http/rate-limit-store';

export const wrongCodesPerMinute = 20;
const windowMs = 60_000;

/**
 * Wrong join codes count per address in the shared rate-limit table (so the limit holds across
 * instances). Only wrong codes count: a room of participants behind one school address, each
 * holding a live stream, never adds up to a limit. Once over it, every code lookup from that
 * address is refused for the rest of the minute, right or wrong, so a 429 tells a guesser nothing.
 */
export function codeAttempts(db: Knex) {
  const store = new KnexRateLimitStore(db, 'workshop-code');
  store.init({ windowMs } as Options);
  const keyOf = (req: Request) => req.ip ?? 'unknown';

  const tooMany = async (req: Request, res: Response) => {
    const info = await store.get(keyOf(req));
    if (!info || info.totalHits < wrongCodesPerMinute) return undefined;
    res.set('Retry-After', String(Math.max(1, Math.ceil(((info.resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000))));
    return new AppError(429, 'too_many_wrong_codes', 'workshops:join.tooManyWrongCodes');
  };

  return {
    /** Throws 429 while this address is over the limit. */
    async refuseIfBlocked(req: Request, res: Response): Promise<void> {
      const refusal = await tooMany(req, res);
      if (refusal) throw refusal;
    },
    async countWrongCode(req: Request): Promise<void> {
      await store.increment(keyOf(req));
    },
  };
}
export type CodeAttempts = ReturnType<typeof codeAttempts>;
