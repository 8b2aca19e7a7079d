/**
 * Work every process may start, done once: two workers racing over the jobs table each take
 * different jobs, and a housekeeping round skips while another process's round runs. On the
 * server each "process" is a knex pool of its own (separate sessions, as two processes have);
 * the embedded database has one process by construction, so there the rounds simply run.
 */
import type { Knex } from 'knex';
import { openDatabase } from '../../server/db/database';
import { ifNobodyElseIs } from '../../server/db/advisory-locks';
import { enqueueJob } from '../../server/jobs/jobs.queries';
import { runDueJobs, type JobHandlers } from '../../server/jobs/jobs.worker';
import { runHousekeepingRound } from '../../server/jobs/housekeeping';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const onServer = Boolean(process.env.DATABASE_URL);

let database: TestDatabase;
let other: Knex;

beforeAll(async () => {
  database = await createTestDatabase();
  other = database.url ? openDatabase({ databaseUrl: database.url }) : database.db;
});
afterAll(async () => {
  if (other !== database.db) await other.destroy();
  await database.close();
});

/** A latch the test opens: work that waits on it holds its lock meanwhile. */
function latch(): { wait: Promise<void>; open(): void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('the job worker in two processes', () => {
  it('runs each of 50 jobs exactly once when two workers race over them', async () => {
    for (let userId = 1; userId <= 50; userId++) await enqueueJob(database.db, 'verification_email', { userId });
    const handled: { worker: string; userId: number }[] = [];
    const handlers = (worker: string): JobHandlers => ({
      verification_email: async ({ userId }) => {
        handled.push({ worker, userId });
        // A job that takes a moment, as sending an email does, so that the workers overlap.
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    const [first, second] = await Promise.all([runDueJobs(database.db, handlers('first')), runDueJobs(other, handlers('second'))]);

    expect(first + second).toBe(50);
    expect(handled.map(({ userId }) => userId).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    if (onServer) expect([first, second].every((count) => count > 0)).toBe(true);
    const jobs = await database.db('jobs').select('attempts', 'done_at', 'last_error');
    expect(jobs).toHaveLength(50);
    expect(jobs.every((job) => job.attempts === 1 && job.done_at !== null && job.last_error === null)).toBe(true);
  });
});

(onServer ? describe : describe.skip)('housekeeping across processes', () => {
  it('skips a round while another process runs one, and runs once that one is done', async () => {
    const running = latch();
    const held = ifNobodyElseIs(database.db, 'housekeeping', () => running.wait);
    // The first process takes the lock before the second one looks.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await database.db('sessions').insert({ sid: 'expired', sess: {}, expired: new Date(Date.now() - 1000) });

    expect(await runHousekeepingRound(other, { workshopParticipantRetentionDays: 30 })).toEqual({ ran: false });
    expect(await database.db('sessions').where({ sid: 'expired' }).count({ n: '*' })).toEqual([{ n: 1 }]);

    running.open();
    expect(await held).toEqual({ ran: true, result: undefined });
    expect(await runHousekeepingRound(other, { workshopParticipantRetentionDays: 30 })).toMatchObject({ ran: true });
    expect(await database.db('sessions').where({ sid: 'expired' }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});

(onServer ? describe.skip : describe)('housekeeping on the embedded database', () => {
  it('runs every round (one process by construction)', async () => {
    await database.db('sessions').insert({ sid: 'expired', sess: {}, expired: new Date(Date.now() - 1000) });
    expect(await runHousekeepingRound(database.db, { workshopParticipantRetentionDays: 30 })).toMatchObject({ ran: true });
    expect(await database.db('sessions').where({ sid: 'expired' }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
