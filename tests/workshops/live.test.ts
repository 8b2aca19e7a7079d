import { buildUser } from '../factories/users';
import { buildParticipant, buildRoomIdea, buildWorkshop, participantCookie } from '../factories/workshops';
import { useScene } from '../factories/scene';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { startPublicChanges } from '../../server/cache/public-changes';
import { openDatabase } from '../../server/db/database';
import { createWorkshopLive } from '../../server/workshops/workshops.live';
import { roomSnapshot } from '../../server/workshops/workshops.service';
import { dotsOf, listening, openStream, participantFormToken, sessionCookieOf } from './helpers';

const { testApp, server, consultation, facilitator } = useScene({
  listen: true,
  users: { facilitator: { role: 'facilitator', preferredLocale: 'en' } },
  consultation: {},
});

async function votingRoom() {
  const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting', dotBudget: 5, maxDotsPerIdea: 5 });
  const ideaId = await buildRoomIdea(testApp.db, workshop, consultation.id);
  const participantId = await buildParticipant(testApp.db, workshop.id, { nickname: '<script>alert("nick")</script>' });
  const secret = testApp.config.sessionSecret;
  const cookie = participantCookie(secret, workshop.id, participantId);
  const vote = (baseUrl = server.baseUrl, change = 'add') =>
    fetch(`${baseUrl}/w/${workshop.joinCode}/ideas/${ideaId}/dots`, {
      method: 'POST',
      headers: { cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${participantFormToken(secret, workshop.id, participantId)}&change=${change}`,
    }).then((response) => {
      expect(response.status).toBe(200);
    });
  return { workshop, ideaId, cookie, vote };
}

describe('the live view', () => {
  it('starts with the whole current state, and a vote reaches the projector and participants', async () => {
    const { workshop, ideaId, cookie, vote } = await votingRoom();
    await vote();
    const participant = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, cookie);
    const projector = await openStream(`${server.baseUrl}/workshops/${workshop.id}/stream`, await sessionCookieOf(testApp.app, facilitator));
    expect(participant.status).toBe(200);
    expect(participant.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(participant.headers['cache-control']).toBe('no-cache, no-transform');
    const first = await participant.waitFor(() => true);
    expect(first).toMatchObject({ workshopId: workshop.id, state: 'voting', final: false, participants: 1, dotsSpent: 1 });
    expect(dotsOf(first, ideaId)).toBe(1);
    await projector.waitFor(() => true);

    // How fast is measured by npm run bench ("SSE fan-out"); here only that it arrives.
    await vote();
    await Promise.all([participant.waitFor((snapshot) => dotsOf(snapshot, ideaId) === 2), projector.waitFor((snapshot) => dotsOf(snapshot, ideaId) === 2)]);
    participant.close();
    projector.close();
  });

  it('shows nicknames on the projector stream only, as data (the page sets them as text)', async () => {
    const { workshop, cookie } = await votingRoom();
    const participant = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, cookie);
    const projector = await openStream(`${server.baseUrl}/workshops/${workshop.id}/stream`, await sessionCookieOf(testApp.app, facilitator));
    const [forParticipant, forProjector] = await Promise.all([participant.waitFor(() => true), projector.waitFor(() => true)]);
    expect(forParticipant).not.toHaveProperty('nicknames');
    expect(JSON.stringify(forParticipant)).not.toContain('nick');
    expect(forProjector.nicknames).toEqual(['<script>alert("nick")</script>']);
    participant.close();
    projector.close();
  });

  it('after the connection drops, reopening catches up with what happened meanwhile', async () => {
    const { workshop, ideaId, cookie, vote } = await votingRoom();
    const stream = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, cookie);
    await stream.waitFor((snapshot) => dotsOf(snapshot, ideaId) === 0);
    stream.close();
    await vote();
    await vote();
    await vote();
    const reopened = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, cookie);
    const first = await reopened.waitFor(() => true);
    expect(dotsOf(first, ideaId)).toBe(3);
    expect(reopened.snapshots[0]).toBe(first);
    reopened.close();
  });

  it('a state change reaches the streams: closing sends the frozen results', async () => {
    const { workshop, ideaId, cookie, vote } = await votingRoom();
    await vote();
    const stream = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, cookie);
    await stream.waitFor(() => true);
    const session = await sessionCookieOf(testApp.app, facilitator);
    const consolePage = await fetch(`${server.baseUrl}/workshops/${workshop.id}`, { headers: { cookie: session } }).then((response) => response.text());
    const csrf = /name="_csrf" value="([^"]+)"/.exec(consolePage)![1];
    const closed = await fetch(`${server.baseUrl}/workshops/${workshop.id}/state`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(csrf)}&to=closed`,
    });
    expect(closed.status).toBe(303);
    const final = await stream.waitFor((snapshot) => snapshot.final === true);
    expect(final).toMatchObject({ state: 'closed', participants: 1, dotsSpent: 1 });
    expect(dotsOf(final, ideaId)).toBe(1);
    stream.close();
  });

  it('an instance learns of a vote made on another instance through the database, not its own memory', async () => {
    const { workshop, ideaId, cookie, vote } = await votingRoom();
    // A second app with its own live hub, on its own connection pool when the database is a server.
    const otherDb = testApp.url ? openDatabase({ databaseUrl: testApp.url }) : testApp.db;
    const otherLive = createWorkshopLive(otherDb, roomSnapshot);
    const logger = createLogger('silent');
    const otherChanges = startPublicChanges(otherDb, logger);
    const other = await listening(createApp({ config: testApp.config, db: otherDb, logger, workshopLive: otherLive, publicChanges: otherChanges }));
    try {
      const stream = await openStream(`${other.baseUrl}/w/${workshop.joinCode}/stream`, cookie);
      await stream.waitFor((snapshot) => dotsOf(snapshot, ideaId) === 0);
      await vote(server.baseUrl);
      await stream.waitFor((snapshot) => dotsOf(snapshot, ideaId) === 1);
      await vote(server.baseUrl, 'remove');
      await stream.waitFor((snapshot) => dotsOf(snapshot, ideaId) === 0);
      stream.close();
    } finally {
      await otherLive.close();
      await other.close();
      await otherChanges.close();
      if (otherDb !== testApp.db) await otherDb.destroy();
    }
  });

  it('a stream needs a participant of this workshop or its facilitator', async () => {
    const { workshop } = await votingRoom();
    const stranger = await buildUser(testApp.db, { role: 'facilitator' });
    const forbidden = await openStream(`${server.baseUrl}/workshops/${workshop.id}/stream`, await sessionCookieOf(testApp.app, stranger));
    expect(forbidden.status).toBe(403);
    const anonymous = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, '');
    expect(anonymous.status).toBe(403);
  });
});
