import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { claimDueJob, enqueueJob } from '../../server/jobs/jobs.queries';
import { runDueJobs } from '../../server/jobs/jobs.worker';
import { deleteExpiredSessions } from '../../server/auth/sessions.queries';
import { deleteExpiredRateLimits } from '../../server/http/rate-limit-store';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

describe('jobs', () => {
  it('keeps one pending job per dedupe key, and none is claimed twice', async () => {
    const { db } = database;
    await enqueueJob(db, 'verification_email', { userId: 1 }, { dedupeKey: 'same' });
    await enqueueJob(db, 'verification_email', { userId: 2 }, { dedupeKey: 'same' });
    await enqueueJob(db, 'verification_email', { userId: 3 });
    expect(await db('jobs').whereNull('done_at')).toHaveLength(2);
    const claimed = await Promise.all([claimDueJob(db), claimDueJob(db), claimDueJob(db)]);
    expect(claimed.filter(Boolean).map((job) => job!.id).sort()).toHaveLength(2);
    expect(new Set(claimed.filter(Boolean).map((job) => job!.id)).size).toBe(2);
  });

  it('retries a failing job later with its error kept, and completes a good one', async () => {
    const { db } = database;
    await enqueueJob(db, 'comment_digest', { ideaId: 1 });
    await enqueueJob(db, 'idea_update', { changeId: 1 });
    const seen: string[] = [];
    await runDueJobs(db, {
      comment_digest: async () => void seen.push('good'),
      idea_update: async () => {
        throw new Error('SMTP said no');
      },
    });
    expect(seen).toEqual(['good']);
    const bad = await db('jobs').where({ kind: 'idea_update' }).first();
    expect(bad).toMatchObject({ attempts: 1, last_error: 'SMTP said no', done_at: null });
    expect(new Date(bad.run_at).getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect((await db('jobs').where({ kind: 'comment_digest' }).first()).done_at).not.toBeNull();
  });
});

describe('housekeeping', () => {
  it('removes expired sessions and rate-limit windows only', async () => {
    const { db } = database;
    await db('sessions').insert([
      { sid: 'old', sess: JSON.stringify({}), expired: new Date(Date.now() - 1000) },
      { sid: 'live', sess: JSON.stringify({}), expired: new Date(Date.now() + 60_000) },
    ]);
    await db('rate_limits').insert([
      { key: 'old', hits: 3, reset_at: new Date(Date.now() - 1000) },
      { key: 'live', hits: 3, reset_at: new Date(Date.now() + 60_000) },
    ]);
    await deleteExpiredSessions(db);
    await deleteExpiredRateLimits(db);
    expect((await db('sessions').select('sid')).map((row) => row.sid)).toEqual(['live']);
    expect((await db('rate_limits').select('key')).map((row) => row.key)).toEqual(['live']);
  });
});
