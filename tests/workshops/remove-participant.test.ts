/**
 * The facilitator removes a participant: their dots are withdrawn, the live counts (or the
 * frozen results of a closed workshop) are counted again exactly, their cookie no longer works
 * and their live stream ends, while the other views get the new counts.
 */
import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildDots, buildParticipant, buildRoomIdea, buildWorkshop, participantCookie } from '../factories/workshops';
import { useScene } from '../factories/scene';
import { roomSnapshot } from '../../server/workshops/workshops.service';
import { dotsOf, openStream, participantFormToken, sessionCookieOf } from './helpers';

const { testApp, server, consultation, facilitator, otherFacilitator } = useScene({
  listen: true,
  users: { facilitator: { role: 'facilitator', preferredLocale: 'en' }, otherFacilitator: { role: 'facilitator', preferredLocale: 'en' } },
  consultation: {},
});

const secret = () => testApp.config.sessionSecret;

async function votingRoom(state: 'voting' | 'closed' = 'voting') {
  const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting', dotBudget: 10, maxDotsPerIdea: 10 });
  const [first, second, third] = [await buildRoomIdea(testApp.db, workshop, consultation.id), await buildRoomIdea(testApp.db, workshop, consultation.id), await buildRoomIdea(testApp.db, workshop, consultation.id)];
  const troll = await buildParticipant(testApp.db, workshop.id, { nickname: '<i>Troll</i>', ageGroup: '16_18' });
  const pupil = await buildParticipant(testApp.db, workshop.id, { nickname: 'Anna', ageGroup: '13_15' });
  await buildDots(testApp.db, { workshopId: workshop.id, participantId: troll, ideaId: first, dots: 3 });
  await buildDots(testApp.db, { workshopId: workshop.id, participantId: troll, ideaId: third, dots: 1 });
  await buildDots(testApp.db, { workshopId: workshop.id, participantId: pupil, ideaId: second, dots: 2 });
  await buildDots(testApp.db, { workshopId: workshop.id, participantId: pupil, ideaId: third, dots: 1 });
  const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}`);
  if (state === 'closed') await agent.post(`/workshops/${workshop.id}/state`).type('form').send({ _csrf: csrf, to: 'closed' }).expect(303);
  const remove = (participantId: number, as = agent, token = csrf) =>
    as.post(`/workshops/${workshop.id}/participants/${participantId}/remove?lang=en`).type('form').send({ _csrf: token });
  return { workshop, ideas: { first, second, third }, troll, pupil, agent, csrf, remove };
}

const frozen = (workshopId: number) => testApp.db('workshop_results').where({ workshop_id: workshopId }).orderBy('position').select('position', 'idea_id', 'dots');

describe('removing a participant', () => {
  it('the console lists the participants; removing one withdraws their dots, ends their cookie and their stream, and the others see the new counts', async () => {
    const { workshop, ideas, troll, pupil, agent, remove } = await votingRoom();
    const consolePage = await agent.get(`/workshops/${workshop.id}?lang=en`).expect(200);
    expect(consolePage.text).toContain('Remove &lt;i&gt;Troll&lt;/i&gt; (4 dots)');
    expect(consolePage.text).toContain(`/workshops/${workshop.id}/participants/${troll}/remove`);

    const trollCookie = participantCookie(secret(), workshop.id, troll);
    const trollStream = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, trollCookie);
    const pupilStream = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, participantCookie(secret(), workshop.id, pupil));
    const projector = await openStream(`${server.baseUrl}/workshops/${workshop.id}/stream`, await sessionCookieOf(testApp.app, facilitator));
    await Promise.all([trollStream, pupilStream, projector].map((stream) => stream.waitFor((snapshot) => snapshot.participants === 2 && dotsOf(snapshot, ideas.first) === 3)));

    const removed = await remove(troll).expect(303);
    expect(removed.headers.location).toBe(`/workshops/${workshop.id}`);
    expect((await agent.get(`/workshops/${workshop.id}?lang=en`).expect(200)).text).toContain('The participant is removed; their dots are withdrawn and the totals counted again.');

    expect(await testApp.db('workshop_participants').where({ id: troll })).toEqual([]);
    expect(await testApp.db('workshop_dots').where({ participant_id: troll })).toEqual([]);
    expect(await testApp.db('workshop_streams').where({ participant_id: troll })).toEqual([]);
    const expected = (snapshot: Record<string, unknown>) =>
      snapshot.participants === 1 && snapshot.dotsSpent === 3 && dotsOf(snapshot, ideas.first) === 0 && dotsOf(snapshot, ideas.second) === 2 && dotsOf(snapshot, ideas.third) === 1;
    await Promise.all([pupilStream.waitFor(expected), projector.waitFor(expected)]);
    expect((await projector.waitFor(expected)).nicknames).toEqual(['Anna']);
    await trollStream.ended;

    // The removed participant's cookie finds nobody: the room page offers to join again, their votes are refused.
    const page = await request(testApp.app).get(`/w/${workshop.joinCode}?lang=en`).set('Cookie', trollCookie).expect(200);
    expect(page.text).toContain('Join the workshop');
    await request(testApp.app)
      .post(`/w/${workshop.joinCode}/ideas/${ideas.first}/dots`)
      .set('Cookie', trollCookie)
      .type('form')
      .send({ _csrf: participantFormToken(secret(), workshop.id, troll), change: 'add' })
      .expect(403);
    expect((await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream`, trollCookie)).status).toBe(403);

    const audit = await testApp.db('audit_log').where({ action: 'workshop.participant_removed', target_id: workshop.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: facilitator.id, before: { participantId: troll, dots: 4 } });
    pupilStream.close();
    projector.close();
  });

  it('after closing, the frozen results, their ranks and the participant counts are counted again', async () => {
    const { workshop, ideas, troll, agent, remove } = await votingRoom('closed');
    const [low, high] = [Math.min(ideas.second, ideas.third), Math.max(ideas.second, ideas.third)];
    expect(await frozen(workshop.id)).toEqual([
      { position: 1, idea_id: ideas.first, dots: 3 },
      { position: 2, idea_id: low, dots: 2 },
      { position: 3, idea_id: high, dots: 2 },
    ]);
    await remove(troll).expect(303);
    expect(await frozen(workshop.id)).toEqual([
      { position: 1, idea_id: ideas.second, dots: 2 },
      { position: 2, idea_id: ideas.third, dots: 1 },
      { position: 3, idea_id: ideas.first, dots: 0 },
    ]);
    const row = await testApp.db('workshops').where({ id: workshop.id }).first();
    expect(row.result_participants).toBe(1);
    expect(row.result_age_groups).toMatchObject({ '13_15': 1, '16_18': 0 });
    const snapshot = (await roomSnapshot(testApp.db, workshop.id, false))!;
    expect(snapshot).toMatchObject({ final: true, participants: 1, dotsSpent: 3 });
    const consolePage = await agent.get(`/workshops/${workshop.id}?lang=en`).expect(200);
    expect(consolePage.text).toContain('1 participant');
  });

  it('votes running at the same time are counted or withdrawn, never half: the totals equal the rows left', async () => {
    const { workshop, ideas, troll, pupil, remove } = await votingRoom();
    const vote = (participantId: number, ideaId: number) =>
      request(testApp.app)
        .post(`/w/${workshop.joinCode}/ideas/${ideaId}/dots`)
        .set('Cookie', participantCookie(secret(), workshop.id, participantId))
        .set('Accept', 'application/json')
        .type('form')
        .send({ _csrf: participantFormToken(secret(), workshop.id, participantId), change: 'add' });
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => vote(troll, ideas.second)),
      remove(troll),
      ...Array.from({ length: 5 }, () => vote(pupil, ideas.first)),
    ]);
    const pupilVotes = results.slice(6).filter((response) => response.status === 200).length;
    expect(pupilVotes).toBe(5);
    expect(await testApp.db('workshop_dots').where({ participant_id: troll })).toEqual([]);
    const snapshot = (await roomSnapshot(testApp.db, workshop.id, false))!;
    expect(snapshot.participants).toBe(1);
    expect(dotsOf(snapshot, ideas.first)).toBe(5);
    expect(dotsOf(snapshot, ideas.second)).toBe(2);
    expect(dotsOf(snapshot, ideas.third)).toBe(1);
  });

  it('only the workshop’s facilitator may, with a CSRF token, and a participant of another workshop is not found', async () => {
    const { workshop, troll, remove } = await votingRoom();
    const other = await votingRoom();
    const stranger = await loggedInAgent(testApp.app, otherFacilitator, '/workshops');
    await remove(troll, stranger.agent, stranger.csrf).expect(403);
    await remove(troll, undefined, 'not-a-token').expect(403);
    await remove(other.troll).expect(404);
    await request(testApp.app).post(`/workshops/${workshop.id}/participants/${troll}/remove`).type('form').send({}).expect(403);
    expect(await testApp.db('workshop_participants').whereIn('id', [troll, other.troll])).toHaveLength(2);
  });

  it('is refused with a clear message once the participants’ records were deleted after the retention period', async () => {
    const { workshop, troll, agent, remove } = await votingRoom('closed');
    await testApp.db('workshops').where({ id: workshop.id }).update({ participants_deleted_at: testApp.db.fn.now() });
    await remove(troll).expect(303);
    expect((await agent.get(`/workshops/${workshop.id}?lang=en`).expect(200)).text).toContain('have already been deleted');
    expect(await testApp.db('workshop_participants').where({ id: troll })).toHaveLength(1);
  });
});
