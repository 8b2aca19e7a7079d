import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { supportIdea } from '../../server/supports/supports.service';
import { hashPassword } from '../../server/passwords/password';

const { testApp, consultation, author, resident } = useScene({
  users: { author: { preferredLocale: 'en' }, resident: { preferredLocale: 'en' } },
  consultation: {},
});

async function supportState(ideaId: number) {
  const idea = await testApp.db('ideas').where({ id: ideaId }).first('support_count');
  const [{ rows }] = await testApp.db('supports').where({ idea_id: ideaId }).count({ rows: '*' });
  return { count: idea.support_count, rows: Number(rows) };
}

describe('supporting an idea through the form', () => {
  it('supports with one click, shows the count, and takes the support back', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${ideaId}`);
    const page = await agent.get(`/ideas/${ideaId}`).expect(200);
    expect(page.text).toContain('Support this idea');
    expect(page.text).toContain('0 supports');

    const response = await agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: csrf }).expect(303);
    expect(response.headers.location).toBe(`/ideas/${ideaId}#support`);
    expect(await supportState(ideaId)).toEqual({ count: 1, rows: 1 });
    const after = await agent.get(`/ideas/${ideaId}`).expect(200);
    expect(after.text).toContain('1 support<');
    expect(after.text).toContain('Take back my support');
    expect(after.text).toContain('Thank you: you support this idea.');

    await agent.post(`/ideas/${ideaId}/support/withdraw`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await supportState(ideaId)).toEqual({ count: 0, rows: 0 });
  });

  it('answers JSON for the in-page script', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${ideaId}`);
    const response = await agent.post(`/ideas/${ideaId}/support`).set('Accept', 'application/json').type('form').send({ _csrf: csrf }).expect(200);
    expect(response.body).toEqual({ supported: true, supportCount: 1, remaining: null, message: 'Thank you: you support this idea.' });
  });

  it('counts supporting twice in a row once', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${ideaId}`);
    await agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: csrf }).expect(303);
    await agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await supportState(ideaId)).toEqual({ count: 1, rows: 1 });
  });

  it.each([
    ['one’s own idea', async () => buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id }), 'You cannot support your own idea.'],
    [
      'an idea in a closed consultation',
      async () => buildIdea(testApp.db, { consultationId: await buildConsultation(testApp.db, { phase: 'closed' }), authorId: author.id }),
      'not open in this phase',
    ],
  ])('refuses supporting %s with the reason, changing nothing', async (_case, makeIdea, reason) => {
    const ideaId = await makeIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, resident);
    const response = await agent.post(`/ideas/${ideaId}/support`).set('Accept', 'application/json').type('form').send({ _csrf: csrf }).expect(409);
    expect(response.body.error.message).toContain(reason);
    expect(await supportState(ideaId)).toEqual({ count: 0, rows: 0 });
  });

  it('answers 404 for a hidden idea, as for one that does not exist, changing nothing', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'hidden' });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident);
    await agent.post(`/ideas/${ideaId}/support`).set('Accept', 'application/json').type('form').send({ _csrf: csrf }).expect(404);
    expect(await supportState(ideaId)).toEqual({ count: 0, rows: 0 });
  });

  it('keeps to the consultation’s support budget and shows what is left', async () => {
    const budgeted = await buildConsultation(testApp.db, { supportBudget: 2 });
    const ideaIds = [
      await buildIdea(testApp.db, { consultationId: budgeted, authorId: author.id }),
      await buildIdea(testApp.db, { consultationId: budgeted, authorId: author.id }),
      await buildIdea(testApp.db, { consultationId: budgeted, authorId: author.id }),
    ];
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${ideaIds[0]}`);
    expect((await agent.get(`/ideas/${ideaIds[0]}`).expect(200)).text).toContain('You can support 2 more ideas in this call for ideas.');
    await agent.post(`/ideas/${ideaIds[0]}/support`).type('form').send({ _csrf: csrf }).expect(303);
    await agent.post(`/ideas/${ideaIds[1]}/support`).type('form').send({ _csrf: csrf }).expect(303);
    const refused = await agent.post(`/ideas/${ideaIds[2]}/support`).set('Accept', 'application/json').type('form').send({ _csrf: csrf }).expect(409);
    expect(refused.body.error.message).toContain('You have used all your supports');
    expect(await supportState(ideaIds[2])).toEqual({ count: 0, rows: 0 });
    const page = await agent.get(`/ideas/${ideaIds[2]}`).expect(200);
    expect(page.text).toContain('You can support 0 more ideas');
    expect(page.text).not.toContain('>Support this idea<');
  });

  it('refuses without a CSRF token, and sends a logged-out visitor to log in', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent } = await loggedInAgent(testApp.app, resident);
    await agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: 'forged' }).expect(403);
    const anonymous = await request(testApp.app).get(`/ideas/${ideaId}`).set('Accept-Language', 'en').expect(200);
    expect(anonymous.text).toContain('Log in to support this idea');
    expect(anonymous.headers['set-cookie']).toBeUndefined();
    expect(await supportState(ideaId)).toEqual({ count: 0, rows: 0 });
  });
});

describe('supports under concurrency', () => {
  it('200 residents supporting the same idea at once give exactly 200', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const passwordHash = await hashPassword('irrelevant password');
    const users = await testApp.db('users')
      .insert(Array.from({ length: 200 }, (_, index) => ({ email: `crowd${index}@example.lv`, display_name: `Crowd ${index}`, password_hash: passwordHash })))
      .returning('id');
    await Promise.all(users.flatMap(({ id }) => [supportIdea(testApp.db, id, ideaId), supportIdea(testApp.db, id, ideaId)]));
    expect(await supportState(ideaId)).toEqual({ count: 200, rows: 200 });
  });

  it('one resident firing supports at many ideas at once never exceeds the budget', async () => {
    const budgeted = await buildConsultation(testApp.db, { supportBudget: 3 });
    const ideaIds = await Promise.all(Array.from({ length: 10 }, () => buildIdea(testApp.db, { consultationId: budgeted, authorId: author.id })));
    const supporter = await buildUser(testApp.db);
    const outcomes = await Promise.allSettled(ideaIds.map((ideaId) => supportIdea(testApp.db, supporter.id, ideaId)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
    const [{ rows }] = await testApp.db('supports').where({ user_id: supporter.id }).count({ rows: '*' });
    expect(Number(rows)).toBe(3);
    const counts = await testApp.db('ideas').whereIn('id', ideaIds).sum({ total: 'support_count' });
    expect(Number(counts[0].total)).toBe(3);
  });
});
