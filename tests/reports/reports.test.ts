import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildComment } from '../factories/comments';

const { testApp, author } = useScene({ users: { author: { preferredLocale: 'en' } } });
let reporters: BuiltUser[];
let consultationId: number;
beforeAll(async () => {
  reporters = [];
  for (let index = 0; index < 3; index += 1) reporters.push(await buildUser(testApp.db, { preferredLocale: 'en' }));
  consultationId = await buildConsultation(testApp.db);
});

const reportCount = async () => Number((await testApp.db('reports').count({ count: '*' }))[0].count);

describe('reports', () => {
  it('records a report once per person, hides an idea after three different people, and keeps it from the map', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });
    for (const [index, reporter] of reporters.entries()) {
      const { agent, csrf } = await loggedInAgent(testApp.app, reporter, `/ideas/${ideaId}/report`);
      await agent.post(`/ideas/${ideaId}/report`).type('form').send({ _csrf: csrf, reason: 'spam' }).expect(303);
      if (index === 0) {
        const before = await reportCount();
        await agent.post(`/ideas/${ideaId}/report`).type('form').send({ _csrf: csrf, reason: 'offensive' }).expect(303);
        expect((await agent.get(`/ideas/${ideaId}`).expect(200)).text).toContain('You have already reported this.');
        expect(await reportCount()).toBe(before);
        expect((await testApp.db('ideas').where({ id: ideaId }).first()).visibility).toBe('published');
      }
    }
    expect((await testApp.db('ideas').where({ id: ideaId }).first()).visibility).toBe('hidden');
    await request(testApp.app).get(`/ideas/${ideaId}`).expect(404);
    const geojson = await request(testApp.app).get('/api/ideas.geojson').expect(200);
    expect(geojson.body.features.map((feature: { id: number }) => feature.id)).not.toContain(ideaId);
  });

  it('hides a comment after three reports, showing a placeholder instead of its text', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });
    const commentId = await buildComment(testApp.db, { ideaId, authorId: author.id, body: 'Rude words' });
    for (const reporter of reporters) {
      const { agent, csrf } = await loggedInAgent(testApp.app, reporter, `/comments/${commentId}/report`);
      await agent.post(`/comments/${commentId}/report`).type('form').send({ _csrf: csrf, reason: 'offensive' }).expect(303);
    }
    const page = await request(testApp.app).get(`/ideas/${ideaId}`).set('Accept-Language', 'en').expect(200);
    expect(page.text).not.toContain('Rude words');
    expect(page.text).toContain('This comment is hidden until a moderator looks at it.');
  });

  it.each([
    ['no reason', {}, 'reason', 'Please choose what is wrong.'],
    ['an unknown reason', { reason: 'boring' }, 'reason', 'Please choose what is wrong.'],
    ['"other" without details', { reason: 'other', details: ' ' }, 'details', 'describe the problem'],
    ['details over 500 characters', { reason: 'spam', details: 'x'.repeat(501) }, 'details', 'at most 500 characters'],
  ])('refuses %s with a message beside the field, storing nothing', async (_case, fields, field, message) => {
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });
    const before = await reportCount();
    const { agent, csrf } = await loggedInAgent(testApp.app, reporters[0], `/ideas/${ideaId}/report`);
    const response = await agent.post(`/ideas/${ideaId}/report`).type('form').send({ _csrf: csrf, ...fields }).expect(422);
    expect(response.text).toContain(`id="${field}-error"`);
    expect(response.text).toContain(message);
    expect(await reportCount()).toBe(before);
  });

  it('sends a logged-out visitor to log in and answers 404 for an unknown item', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });
    expect((await request(testApp.app).get(`/ideas/${ideaId}/report`).expect(303)).headers.location).toBe(`/login?next=%2Fideas%2F${ideaId}%2Freport`);
    await request(testApp.app).get('/ideas/987654/report').expect(404);
    const { agent } = await loggedInAgent(testApp.app, reporters[0]);
    await agent.get('/comments/987654/report').expect(404);
  });
});
