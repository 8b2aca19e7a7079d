/**
 * A Kopā process whose PostgreSQL goes away: /healthz answers 503 while /livez stays 200 and the
 * process stays up; once the server is back, /healthz is 200 within 5 s by itself, writes work
 * and cached pages show them. The server is the test's own (tests/helpers/own-postgres.ts), so
 * stopping it disturbs nothing else. Run in the PostgreSQL suite only: it needs no DATABASE_URL,
 * but once is enough, and the embedded database cannot go away.
 */
import type { Knex } from 'knex';
import { openDatabase } from '../../server/db/database';
import { demoResidentAccount } from '../../server/seed/demo-data';
import { builtMain, freePort, startProcess, waitFor, type Exit } from '../helpers/processes';
import { ownPostgresAvailable, startOwnPostgres, type OwnPostgres } from '../helpers/own-postgres';
import { logIn } from '../helpers/fetch-session';
import { buildParticipant, buildRoomIdea, buildWorkshop, participantCookie } from '../factories/workshops';
import { dotsOf, openStream, participantFormToken, type EventStream } from '../workshops/helpers';

const onServer = Boolean(process.env.DATABASE_URL) && ownPostgresAvailable();

/** Milliseconds until check() holds, polling every 50 ms; throws after the deadline. */
async function msUntil(check: () => Promise<boolean>, deadlineMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check().catch(() => false)) return Math.round(performance.now() - started);
    if (performance.now() - started > deadlineMs) throw new Error(`not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

(onServer ? describe : describe.skip)('a Kopā process whose PostgreSQL goes away and comes back', () => {
  let postgres: OwnPostgres;
  let db: Knex;
  let url: string;
  let kopa: ReturnType<typeof startProcess>;
  let exit: Exit | undefined;
  let ideaId: number;
  const sessionSecret = 's'.repeat(40);
  /** A participant's live view of a voting workshop, open across the outage. */
  let room: { joinCode: string; ideaId: number; cookie: string; token: string; stream: EventStream };

  const status = async (path: string) => (await fetch(`${url}${path}`)).status;
  const pageShows = async (text: string) => (await (await fetch(`${url}/ideas/${ideaId}`)).text()).includes(text);

  async function comment(body: string): Promise<number> {
    const { cookie, csrf } = await logIn(url, demoResidentAccount);
    const posted = await fetch(`${url}/ideas/${ideaId}/comments`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, body }),
    });
    return posted.status;
  }

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    kopa = startProcess(builtMain, { DATABASE_URL: postgres.url(), PORT: String(port), SESSION_SECRET: sessionSecret, BASE_URL: url, LOG_LEVEL: 'warn' });
    void kopa.exited.then((result) => (exit = result));
    await waitFor(async () => (await fetch(`${url}/healthz`)).ok, 60_000);
    db = openDatabase({ databaseUrl: postgres.url() });
    ideaId = (await db('ideas').where({ visibility: 'published', comments_locked: false }).orderBy('id').first('id')).id;
    const consultationId = (await db('consultations').first('id')).id;
    const staffId = (await db('users').where({ email: 'staff@kopa.local' }).first('id')).id;
    const workshop = await buildWorkshop(db, { consultationId, createdBy: staffId, state: 'voting', dotBudget: 5, maxDotsPerIdea: 5 });
    const roomIdeaId = await buildRoomIdea(db, workshop, consultationId);
    const participantId = await buildParticipant(db, workshop.id);
    const cookie = participantCookie(sessionSecret, workshop.id, participantId);
    const stream = await openStream(`${url}/w/${workshop.joinCode}/stream`, cookie);
    await stream.waitFor((snapshot) => dotsOf(snapshot, roomIdeaId) === 0);
    room = { joinCode: workshop.joinCode, ideaId: roomIdeaId, cookie, token: participantFormToken(sessionSecret, workshop.id, participantId), stream };
  }, 90_000);

  afterAll(async () => {
    room?.stream.close();
    if (kopa && !exit) {
      kopa.child.kill('SIGTERM');
      await kopa.exited;
    }
    await db?.destroy();
    await postgres?.destroy();
  });

  it('answers /livez without the database, and /healthz 503 within 3 s of a stop, staying up', async () => {
    expect(await pageShows('<h1')).toBe(true);
    await postgres.stop('fast');
    const unhealthyMs = await msUntil(async () => (await status('/healthz')) === 503, 3000);
    expect(await status('/livez')).toBe(200);
    // Nothing cached is served while nobody listens for changes: the page needs the database.
    expect(await status(`/ideas/${ideaId}`)).toBeGreaterThanOrEqual(500);
    // Long enough for every reconnection attempt (public changes, the pool) to fail a few times.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await status('/healthz')).toBe(503);
    expect(await status('/livez')).toBe(200);
    expect(exit).toBeUndefined();
    process.stdout.write(`database stopped: /healthz 503 after ${unhealthyMs} ms\n`);
  }, 30_000);

  it('is ready again within 5 s of the database coming back; writes work and pages show them', async () => {
    await postgres.start();
    const healthyMs = await msUntil(async () => (await status('/healthz')) === 200, 5000);
    process.stdout.write(`database started: /healthz 200 after ${healthyMs} ms\n`);
    expect(healthyMs).toBeLessThan(5000);

    expect(await comment('Komentārs pēc restarta <script>alert(1)</script>')).toBe(303);
    await msUntil(() => pageShows('Komentārs pēc restarta &lt;script&gt;'), 2000);
    await db('ideas').where({ id: ideaId }).update({ title: 'Virsraksts pēc restarta' });
    await msUntil(() => pageShows('Virsraksts pēc restarta'), 2000);

    // The live view stayed open; its process listens for votes again (it retries every second).
    const voted = await fetch(`${url}/w/${room.joinCode}/ideas/${room.ideaId}/dots`, {
      method: 'POST',
      headers: { cookie: room.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${room.token}&change=add`,
    });
    expect(voted.status).toBe(200);
    await room.stream.waitFor((snapshot) => dotsOf(snapshot, room.ideaId) === 1, 3000);
    expect(exit).toBeUndefined();
  }, 30_000);

  it('recovers by itself when every connection of the app is terminated', async () => {
    const terminated = await postgres.psql(
      "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where datname = 'kopa' and pid <> pg_backend_pid() and backend_type = 'client backend') t",
    );
    expect(Number(terminated)).toBeGreaterThanOrEqual(2);
    const healthyMs = await msUntil(async () => (await status('/healthz')) === 200, 5000);
    process.stdout.write(`connections terminated: /healthz 200 after ${healthyMs} ms\n`);
    expect(await comment('Komentārs pēc pārtraukuma')).toBe(303);
    await msUntil(() => pageShows('Komentārs pēc pārtraukuma'), 2000);
    await db('ideas').where({ id: ideaId }).update({ title: 'Virsraksts pēc pārtraukuma' });
    await msUntil(() => pageShows('Virsraksts pēc pārtraukuma'), 2000);
    expect(exit).toBeUndefined();
    if (process.env.SHOW_KOPA_OUTPUT) process.stdout.write(kopa.output());
    expect(kopa.output()).not.toMatch(/uncaught|unhandled/i);
  }, 30_000);
});
