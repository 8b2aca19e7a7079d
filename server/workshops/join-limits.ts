import type { Knex } from 'knex';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../http/errors';
import { limiter } from '../http/rate-limits';
import { ipv6PrefixLength, type WorkshopLimits } from './workshop-limits';
import { normalisedJoinCode } from './join-code';

const windowMs = 10 * 60_000;

/** Every participant may vote: a script joining again and again would stuff the ballot. */
export function joinLimits(db: Knex, limits: Pick<WorkshopLimits, 'joinsPerAddress' | 'joinsPerWorkshop'>) {
  const tooManyJoins = (_req: Request, _res: Response, next: (error: unknown) => void) => next(new AppError(429, 'too_many_joins', 'workshops:join.tooManyJoins'));
  const perAddress = limiter(db, 'workshop-join-ip', { windowMs, limit: limits.joinsPerAddress, ipv6Subnet: ipv6PrefixLength, handler: tooManyJoins });
  const perWorkshop = limiter(db, 'workshop-join', {
    windowMs,
    limit: limits.joinsPerWorkshop,
    // take() runs once the code in the URL has been found: one code, one workshop.
    keyGenerator: (req) => normalisedJoinCode(req.params.code) ?? '',
    handler: tooManyJoins,
  });
  const run = (middleware: RequestHandler, req: Request, res: Response) =>
    new Promise<void>((resolve, reject) => {
      void middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
    });

  return {
    /** Counts a join into the workshop of the code in the URL, from this address; throws 429 over either limit. */
    async take(req: Request, res: Response): Promise<void> {
      await run(perAddress, req, res);
      await run(perWorkshop, req, res);
    },
  };
}
