import type { Knex } from 'knex';
import { orJsonMentions, orTextMentions, type Redaction } from '../db/mentions';

/** Every kind of job the worker runs, and what its payload holds (ids only: a job reads the rest when it runs). */
export interface JobPayloads {
  comment_digest: { ideaId: number };
  idea_update: { changeId: number };
  milestone_update: { milestoneId: number };
  moderation_decision: { ideaId: number; decision: 'published' | 'hidden'; reason: string | null };
  verification_email: { userId: number };
  password_reset_email: { userId: number };
  inactivity_warning: { userId: number };
}

export type JobKind = keyof JobPayloads;

export interface Job<K extends JobKind = JobKind> {
  id: number;
  kind: K;
  payload: JobPayloads[K];
  attempts: number;
}

/** Adds a job; with a dedupe key, nothing is added while a job with that key is pending. */
export async function enqueueJob<K extends JobKind>(db: Knex, kind: K, payload: JobPayloads[K], options: { runAt?: Date; dedupeKey?: string } = {}): Promise<void> {
  await db.raw(
    `insert into jobs (kind, payload, dedupe_key, run_at) values (?, ?, ?, ?)
     on conflict (dedupe_key) where done_at is null and dedupe_key is not null do nothing`,
    [kind, JSON.stringify(payload), options.dedupeKey ?? null, options.runAt ?? new Date()],
  );
}

// A claimed job is leased for this long; if the process dies while sending, it runs again afterwards.
const leaseSeconds = 300;

/**
 * Takes one due job in a single statement (no transaction stays open while the job runs).
 * Its dedupe key is released, so work that arrives while it runs gets a job of its own.
 */
export async function claimDueJob(db: Knex): Promise<Job | undefined> {
  const { rows } = await db.raw<{ rows: Job[] }>(
    `update jobs set run_at = now() + ? * interval '1 second', attempts = attempts + 1, dedupe_key = null
     where id = (select id from jobs where done_at is null and run_at <= now() order by run_at, id limit 1 for update skip locked)
     returning id, kind, payload, attempts`,
    [leaseSeconds],
  );
  return rows[0];
}

export async function completeJob(db: Knex, id: number): Promise<void> {
  await db('jobs').where({ id }).update({ done_at: db.fn.now(), last_error: null });
}

export async function failJob(db: Knex, id: number, attempts: number, error: string): Promise<void> {
  // Retries back off: 1, 4, 9 … minutes; after 10 attempts the job stays failed for a person to look at.
  const update = attempts >= 10 ? { done_at: db.fn.now() } : { run_at: db.raw(`now() + ? * interval '1 minute'`, [attempts * attempts]) };
  await db('jobs').where({ id }).update({ ...update, last_error: error.slice(0, 2000) });
}

/** The jobs about one account (its emails to send): they go when the account is erased. */
export async function deleteJobsOfUser(trx: Knex, userId: number): Promise<void> {
  await trx('jobs').whereRaw(`payload ->> 'userId' = ?`, [String(userId)]).delete();
}

/** Rewrites the jobs whose payload or last error mention any of the texts (an erased person's email and name). */
export async function redactJobsMentioning(trx: Knex, texts: string[], redaction: Redaction): Promise<void> {
  const jobs = await trx('jobs')
    .where((where) => {
      orJsonMentions(where, 'payload', texts);
      orTextMentions(where, 'last_error', texts);
    })
    .select('id', 'payload', 'last_error');
  for (const job of jobs) {
    await trx('jobs')
      .where({ id: job.id })
      .update({ payload: JSON.stringify(redaction.json(job.payload)), last_error: job.last_error === null ? null : redaction.text(job.last_error) });
  }
}
