import request from 'supertest';
import { loggedInAgent, uploadForm } from '../helpers/forms';
import { buildIdea, categoryId } from '../factories/ideas';
import { smallPng } from '../factories/images';
import { useScene } from '../factories/scene';

const { testApp, consultation, author, neighbour } = useScene({
  users: { author: { preferredLocale: 'en' }, neighbour: { preferredLocale: 'en' } },
  consultation: {},
});

async function editFields(csrf: string, overrides: Record<string, string | string[]> = {}) {
  return {
    _csrf: csrf,
    consultationId: String(consultation.id),
    title: 'Edited title',
    description: 'Edited description',
    originalLocale: 'ru',
    categoryId: String(await categoryId(testApp.db, 'heritage')),
    nebValues: ['sustainable'],
    latitude: '55.8702',
    longitude: '26.5161',
    ...overrides,
  };
}


describe('editing and deleting an idea', () => {
  it('lets the author edit a new idea, add a photo and remove it again', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/edit`);
    const form = await agent.get(`/ideas/${ideaId}/edit`).expect(200);
    expect(form.text).toContain('Idea');
    await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf)).attach('photos', await smallPng(), 'a.png').expect(303);
    const row = await testApp.db('ideas').where({ id: ideaId }).first();
    expect(row).toMatchObject({ title: 'Edited title', original_locale: 'ru', neb_values: ['sustainable'], latitude: 55.8702, longitude: 26.5161 });
    const [photo] = await testApp.db('idea_photos').where({ idea_id: ideaId });
    expect(testApp.uploadedFiles()).toEqual(expect.arrayContaining([photo.large_key, photo.thumbnail_key]));

    await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf, { removePhotos: String(photo.id) })).expect(303);
    expect(await testApp.db('idea_photos').where({ idea_id: ideaId })).toEqual([]);
    expect(testApp.uploadedFiles()).not.toContain(photo.large_key);
  });

  it('refuses someone else’s edit with 403 and changes nothing', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Original' });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour);
    await agent.get(`/ideas/${ideaId}/edit`).expect(403);
    const response = await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf)).expect(403);
    expect(response.text).toContain('You are not allowed to do this.');
    await agent.post(`/ideas/${ideaId}/delete`).type('form').send({ _csrf: csrf }).expect(403);
    expect((await testApp.db('ideas').where({ id: ideaId }).first()).title).toBe('Original');
  });

  it('refuses the author’s edit once staff have moved the idea on from "new"', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Under review', status: 'under_review' });
    const { agent, csrf } = await loggedInAgent(testApp.app, author);
    const page = await agent.get(`/ideas/${ideaId}`).expect(200);
    expect(page.text).not.toContain(`/ideas/${ideaId}/edit`);
    await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf)).expect(403);
    expect((await testApp.db('ideas').where({ id: ideaId }).first()).title).toBe('Under review');
  });

  it('lets the author delete a new idea after confirming, with its photo files', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, author);
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf)).attach('photos', await smallPng(), 'a.png').expect(303);
    const [photo] = await testApp.db('idea_photos').where({ idea_id: ideaId });
    const confirm = await agent.get(`/ideas/${ideaId}/delete`).expect(200);
    expect(confirm.text).toContain('Yes, delete it');
    const response = await agent.post(`/ideas/${ideaId}/delete`).type('form').send({ _csrf: csrf }).expect(303);
    expect(response.headers.location).toBe('/ideas');
    expect(await testApp.db('ideas').where({ id: ideaId }).first()).toBeUndefined();
    expect(testApp.uploadedFiles()).not.toContain(photo.large_key);
  });

  it('answers 404 for an idea that does not exist or an id that is not a number', async () => {
    await request(testApp.app).get('/ideas/987654').expect(404);
    await request(testApp.app).get('/ideas/abc').expect(404);
    await request(testApp.app).get('/ideas/1e5').expect(404);
  });
});
