import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { claimDueJob, completeJob, failJob, type Job, type JobKind, type JobPayloads } from './jobs.queries';

export type JobHandler<K extends JobKind = JobKind> = (payload: JobPayloads[K], job: Job<K>) => Promise<void>;

/** A handler per job kind; a kind without one fails its jobs (to be retried by a worker that has it). */
export type JobHandlers = { [K in JobKind]?: JobHandler<K> };

/** Runs every due job once; returns how many ran. Used by the poller and by tests. */
export async function runDueJobs(db: Knex, handlers: JobHandlers, logger?: Logger): Promise<number> {
  let ran = 0;
  for (let job = await claimDueJob(db); job; job = await claimDueJob(db)) {
    ran += 1;
    // The row's kind and payload were written together by enqueueJob, so they match.
    const handler = handlers[job.kind] as JobHandler | undefined;
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, job);
      await completeJob(db, job.id);
    } catch (error) {
      logger?.warn({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
      await failJob(db, job.id, job.attempts, (error as Error).message);
    }
  }
  return ran;
}

/** Polls the jobs table; every instance may run one, since claiming skips locked rows. */
export function startJobPoller(db: Knex, handlers: JobHandlers, logger: Logger, intervalMs = 5000): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runDueJobs(db, handlers, logger)
      .catch((error) => logger.warn({ err: error }, 'job poll failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
