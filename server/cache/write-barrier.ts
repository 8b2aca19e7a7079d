/**
 * Within one process, a GET that follows a write must see it. On PGlite the write's
 * notification is delivered before its query resolves; on a PostgreSQL server it arrives on
 * another connection, a little later. So a cached answer is given only after settled(), when a
 * write request of this process is in flight or has finished since the last barrier started.
 */
import type { RequestHandler } from 'express';
import type { PublicChanges } from './public-changes';

interface Writes {
  inFlight: number;
  finished: number;
  /** `finished` when the last completed barrier started: those writes have reached the listeners. */
  settledThrough: number;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const writesOf = new WeakMap<PublicChanges, Writes>();

function writes(changes: PublicChanges): Writes {
  let found = writesOf.get(changes);
  if (!found) {
    found = { inFlight: 0, finished: 0, settledThrough: 0 };
    writesOf.set(changes, found);
  }
  return found;
}

/**
 * Counts this process's write requests (POST, PUT, PATCH, DELETE …) in flight and finished, and
 * holds each one's answer until its own changes have reached this process's caches (on
 * PostgreSQL one round trip on the LISTEN connection; on PGlite they already have): whoever
 * follows the answer reads what it wrote with no barrier of its own, and a write answered so does
 * not make later GETs wait. A write that ends otherwise (the client gone) still counts as unsettled.
 */
export function trackWrites(changes: PublicChanges): RequestHandler {
  const state = writes(changes);
  return (req, res, next) => {
    if (safeMethods.has(req.method)) {
      next();
      return;
    }
    state.inFlight++;
    let done = false;
    let settledBeforeAnswer = false;
    const finish = () => {
      if (done) return;
      done = true;
      state.inFlight--;
      if (!settledBeforeAnswer) state.finished++;
    };
    const end = res.end;
    res.end = function endOnceSettled(this: typeof res, ...args: unknown[]) {
      res.end = end;
      const answer = () => (end as (...rest: unknown[]) => unknown).apply(this, args);
      changes.settled().then(
        () => {
          settledBeforeAnswer = true;
          answer();
        },
        answer,
      );
      return this;
    } as typeof res.end;
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}

/** True while a write request is in flight, or one finished since the last barrier started. */
export function needsSettling(changes: PublicChanges): boolean {
  const state = writes(changes);
  return state.inFlight > 0 || state.finished > state.settledThrough;
}

/** Call before answering from memory: waits for the barrier only when a write may not have arrived yet. */
export async function settleIfNeeded(changes: PublicChanges): Promise<void> {
  if (!needsSettling(changes)) return;
  const state = writes(changes);
  const through = state.finished;
  await changes.settled();
  state.settledThrough = Math.max(state.settledThrough, through);
}
