import { loggedInAgent } from '../helpers/forms';
import { buildParticipant, buildRoomIdea, buildWorkshop, participantCookie } from '../factories/workshops';
import { useScene } from '../factories/scene';
import { dotsOf, openStream, participantFormToken, sessionCookieOf } from './helpers';

const { testApp, server, consultation, facilitator } = useScene({
  listen: true,
  users: { facilitator: { role: 'facilitator', preferredLocale: 'en' } },
  consultation: {},
});

const participantCount = 30;
const requestsEach = 10;
const dotBudget = 3;
const maxDotsPerIdea = 2;

async function dotRows(workshopId: number) {
  return testApp.db('workshop_dots').where({ workshop_id: workshopId }).select('participant_id', 'idea_id', 'dots');
}

describe('dots under a burst of requests', () => {
  it(`${participantCount} participants firing ${requestsEach} dot requests each at once: nobody over the budget or over K on one idea; totals equal the rows`, async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting', dotBudget, maxDotsPerIdea });
    const ideas = await Promise.all([0, 1, 2, 3].map(() => buildRoomIdea(testApp.db, workshop, consultation.id)));
    const secret = testApp.config.sessionSecret;
    const participants = [];
    for (let index = 0; index < participantCount; index += 1) {
      const id = await buildParticipant(testApp.db, workshop.id, { nickname: `P${index}` });
      participants.push({ id, cookie: participantCookie(secret, workshop.id, id), token: participantFormToken(secret, workshop.id, id) });
    }
    const projector = await openStream(`${server.baseUrl}/workshops/${workshop.id}/stream`, await sessionCookieOf(testApp.app, facilitator));
    expect(projector.status).toBe(200);
    await projector.waitFor(() => true);

    // Every participant aims most requests at two ideas, so both limits are hit at once.
    const burst = participants.flatMap((participant, index) =>
      Array.from({ length: requestsEach }, (_, request) => {
        const ideaId = ideas[(index + (request % 3 === 0 ? 1 : 0)) % ideas.length];
        return fetch(`${server.baseUrl}/w/${workshop.joinCode}/ideas/${ideaId}/dots`, {
          method: 'POST',
          headers: { cookie: participant.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body: `_csrf=${participant.token}&change=add`,
        }).then((response) => response.status);
      }),
    );
    const statuses = await Promise.all(burst);
    const rows = await dotRows(workshop.id);
    const spentBy = new Map<number, number>();
    for (const row of rows) {
      expect(row.dots).toBeLessThanOrEqual(maxDotsPerIdea);
      spentBy.set(row.participant_id, (spentBy.get(row.participant_id) ?? 0) + row.dots);
    }
    for (const participant of participants) expect(spentBy.get(participant.id)).toBe(dotBudget);
    const total = rows.reduce((sum, row) => sum + row.dots, 0);
    expect(total).toBe(participantCount * dotBudget);
    expect(statuses.filter((status) => status === 200)).toHaveLength(participantCount * dotBudget);
    expect(statuses.filter((status) => status === 409)).toHaveLength(participantCount * (requestsEach - dotBudget));

    // The live view ends on the same totals as the rows, idea by idea.
    const expected = Object.fromEntries(ideas.map((ideaId) => [ideaId, rows.filter((row) => row.idea_id === ideaId).reduce((sum, row) => sum + row.dots, 0)]));
    const settled = await projector.waitFor((snapshot) => snapshot.dotsSpent === total && ideas.every((ideaId) => dotsOf(snapshot, ideaId) === expected[ideaId]), 10_000);
    expect(settled.participants).toBe(participantCount);

    // Taking back and adding again at once keeps every limit too.
    const mixed = participants.flatMap((participant, index) =>
      Array.from({ length: requestsEach }, (_, request) =>
        fetch(`${server.baseUrl}/w/${workshop.joinCode}/ideas/${ideas[(index + request) % ideas.length]}/dots`, {
          method: 'POST',
          headers: { cookie: participant.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body: `_csrf=${participant.token}&change=${request % 2 ? 'remove' : 'add'}`,
        }).then((response) => response.status),
      ),
    );
    expect((await Promise.all(mixed)).every((status) => status === 200 || status === 409)).toBe(true);
    const after = await dotRows(workshop.id);
    const spentAfter = new Map<number, number>();
    for (const row of after) {
      expect(row.dots).toBeGreaterThanOrEqual(1);
      expect(row.dots).toBeLessThanOrEqual(maxDotsPerIdea);
      spentAfter.set(row.participant_id, (spentAfter.get(row.participant_id) ?? 0) + row.dots);
    }
    for (const spent of spentAfter.values()) expect(spent).toBeLessThanOrEqual(dotBudget);

    // Closing freezes exactly what the live view showed last.
    const totalAfter = after.reduce((sum, row) => sum + row.dots, 0);
    const expectedAfter = Object.fromEntries(ideas.map((ideaId) => [ideaId, after.filter((row) => row.idea_id === ideaId).reduce((sum, row) => sum + row.dots, 0)]));
    const lastLive = await projector.waitFor((snapshot) => snapshot.dotsSpent === totalAfter && ideas.every((ideaId) => dotsOf(snapshot, ideaId) === expectedAfter[ideaId]), 10_000);
    const staff = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}`);
    await staff.agent.post(`/workshops/${workshop.id}/state`).type('form').send({ _csrf: staff.csrf, to: 'closed' }).expect(303);
    const frozen = await testApp.db('workshop_results').where({ workshop_id: workshop.id }).select('idea_id', 'dots');
    expect(Object.fromEntries(frozen.map((row) => [row.idea_id, row.dots]))).toEqual(Object.fromEntries((lastLive.ideas as { id: number; dots: number }[]).map((idea) => [idea.id, idea.dots])));
    const final = await projector.waitFor((snapshot) => snapshot.final === true);
    expect(final.ideas).toEqual(expect.arrayContaining((lastLive.ideas as object[]).map((idea) => expect.objectContaining(idea))));
    projector.close();
  });
});
