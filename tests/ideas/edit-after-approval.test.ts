/**
 * Issue 13, point 2: content a moderator approved stays as approved (pre-moderated), and what an
 * author changes on a public idea is shown to moderators (post-moderated).
 */
import request from 'supertest';
import { loggedInAgent, uploadForm } from '../helpers/forms';
import { buildConsultation, buildIdea, categoryId } from '../factories/ideas';
import { smallPng } from '../factories/images';
import { useScene } from '../factories/scene';

const { testApp, consultation, author, neighbour, moderator } = useScene({
  users: { author: { preferredLocale: 'en', displayName: 'Anna <b>Autore</b>' }, neighbour: { preferredLocale: 'en' }, moderator: { role: 'moderator', preferredLocale: 'en' } },
  // Post-moderated, as the factory builds consultations unless told otherwise.
  consultation: {},
});

const refusedMessage = 'A moderator has already reviewed this idea in this pre-moderated consultation';

async function editFields(csrf: string, consultationId: number, overrides: Record<string, string | string[]> = {}) {
  return {
    _csrf: csrf,
    consultationId: String(consultationId),
    title: 'Changed <script>alert("edit")</script> title',
    description: 'Changed =HYPERLINK("http://evil","x") description',
    originalLocale: 'lv',
    categoryId: String(await categoryId(testApp.db, 'heritage')),
    nebValues: ['sustainable'],
    latitude: '55.8702',
    longitude: '26.5161',
    ...overrides,
  };
}


/** Everything of an idea that visitors read, from the database. */
async function storedIdea(ideaId: number) {
  const idea = await testApp.db('ideas').where({ id: ideaId }).first('title', 'description', 'category_id', 'latitude', 'longitude', 'neb_values', 'updated_at');
  const photos = await testApp.db('idea_photos').where({ idea_id: ideaId }).orderBy('id').select('id', 'large_key');
  const translations = await testApp.db('idea_translations').where({ idea_id: ideaId }).orderBy('locale').select('locale', 'title', 'description', 'updated_at');
  return { idea, photos, translations };
}

const anonymousPage = (ideaId: number, language = 'en') => request(testApp.app).get(`/ideas/${ideaId}`).set('Accept-Language', language).expect(200);

/**
 * A pre-moderated idea as it goes: the author writes it, adds a photo and a translation while it
 * waits, and a moderator publishes it.
 */
async function approvedPreModeratedIdea() {
  const preModerated = await buildConsultation(testApp.db, { moderationMode: 'pre' });
  const ideaId = await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, title: 'Soliņi pie upes', description: 'Vairāk soliņu.', visibility: 'pending' });
  const authorAgent = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/edit`);
  const fields = await editFields(authorAgent.csrf, preModerated, { title: 'Soliņi pie Daugavas', description: 'Vairāk soliņu gar Daugavu.' });
  await uploadForm(authorAgent.agent.post(`/ideas/${ideaId}/edit`), fields).attach('photos', await smallPng(), 'a.png').expect(303);
  await authorAgent.agent
    .post(`/ideas/${ideaId}/translations`)
    .type('form')
    .send({ _csrf: authorAgent.csrf, locale: 'en', title: 'Benches by the Daugava', description: 'More benches.' })
    .expect(303);
  const staff = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${ideaId}`);
  await staff.agent.post(`/admin/ideas/${ideaId}/publish`).type('form').send({ _csrf: staff.csrf }).expect(303);
  return { ideaId, consultationId: preModerated, authorAgent };
}

describe('a pre-moderated idea, once a moderator has approved it', () => {
  it('is no longer the author’s to edit: no link, a clear message, and a forged edit changes nothing (photos, page, cache)', async () => {
    const { ideaId, consultationId, authorAgent } = await approvedPreModeratedIdea();
    const { agent, csrf } = authorAgent;
    const before = await storedIdea(ideaId);
    expect(before.idea.title).toBe('Soliņi pie Daugavas');
    expect(before.photos).toHaveLength(1);
    const filesBefore = testApp.uploadedFiles().sort();
    const pageBefore = (await anonymousPage(ideaId, 'lv')).text;
    expect(pageBefore).toContain('Soliņi pie Daugavas');

    const own = await agent.get(`/ideas/${ideaId}`).expect(200);
    expect(own.text).not.toContain(`/ideas/${ideaId}/edit`);
    expect(own.text).not.toContain(`/ideas/${ideaId}/translations`);
    expect(own.text).toContain(refusedMessage);

    const form = await agent.get(`/ideas/${ideaId}/edit`).expect(403);
    expect(form.text).toContain(refusedMessage);
    expect(form.text).not.toContain('name="title"');

    const forged = await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf, consultationId, { removePhotos: String(before.photos[0].id) }))
      .attach('photos', await smallPng(), 'b.png')
      .expect(403);
    expect(forged.text).toContain(refusedMessage);
    expect(forged.text).not.toContain('at Error');
    // Invalid fields too: the refusal comes first, not the form again with what was typed.
    const invalid = await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf, consultationId, { title: '' })).expect(403);
    expect(invalid.text).toContain(refusedMessage);
    expect(invalid.text).not.toContain('Changed &lt;script&gt;');

    expect(await storedIdea(ideaId)).toEqual(before);
    expect(testApp.uploadedFiles().sort()).toEqual(filesBefore);
    expect(await testApp.db('idea_revisions').where({ idea_id: ideaId })).toEqual([]);
    const pageAfter = (await anonymousPage(ideaId, 'lv')).text;
    expect(pageAfter).toContain('Soliņi pie Daugavas');
    expect(pageAfter).not.toContain('Changed');
  });

  it('refuses the author’s translation with the same message, and keeps the one the moderator saw', async () => {
    const { ideaId, authorAgent } = await approvedPreModeratedIdea();
    const before = await storedIdea(ideaId);
    const page = await authorAgent.agent.get(`/ideas/${ideaId}/translations`).expect(403);
    expect(page.text).toContain(refusedMessage);
    for (const locale of ['en', 'ru']) {
      const refused = await authorAgent.agent
        .post(`/ideas/${ideaId}/translations`)
        .type('form')
        .send({ _csrf: authorAgent.csrf, locale, title: 'Casino <script>x</script>', description: 'Visit our casino.' })
        .expect(403);
      expect(refused.text).toContain(refusedMessage);
    }
    expect(await storedIdea(ideaId)).toEqual(before);
    expect((await anonymousPage(ideaId, 'en')).text).toContain('Benches by the Daugava');
    expect((await anonymousPage(ideaId, 'en')).text).not.toContain('Casino');
  });

  it('still lets staff translate it', async () => {
    const { ideaId } = await approvedPreModeratedIdea();
    const staff = await loggedInAgent(testApp.app, moderator, `/ideas/${ideaId}/translations`);
    await staff.agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: staff.csrf, locale: 'ru', title: 'Скамейки у Даугавы', description: 'Больше скамеек.' }).expect(303);
    expect((await anonymousPage(ideaId, 'ru')).text).toContain('Скамейки у Даугавы');
  });

  it('is refused the same way after a moderator hid it', async () => {
    const preModerated = await buildConsultation(testApp.db, { moderationMode: 'pre' });
    const ideaId = await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, title: 'Hidden one', visibility: 'hidden' });
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}`);
    const refused = await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf, preModerated)).expect(403);
    expect(refused.text).toContain(refusedMessage);
    expect((await testApp.db('ideas').where({ id: ideaId }).first()).title).toBe('Hidden one');
  });
});

describe('author translations follow the edit rule', () => {
  it('refuses the author’s translation once the idea is accepted, and the page keeps the old one', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Soliņi' });
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/translations`);
    await agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: csrf, locale: 'en', title: 'Benches', description: 'More benches.' }).expect(303);
    await testApp.db('ideas').where({ id: ideaId }).update({ status: 'accepted' });
    const before = await storedIdea(ideaId);

    const own = await agent.get(`/ideas/${ideaId}`).expect(200);
    expect(own.text).not.toContain(`/ideas/${ideaId}/translations`);
    const form = await agent.get(`/ideas/${ideaId}/translations`).expect(403);
    expect(form.text).toContain('The municipality is already looking at this idea');
    const refused = await agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: csrf, locale: 'en', title: 'Casino', description: 'Visit our casino.' }).expect(403);
    expect(refused.text).toContain('The municipality is already looking at this idea');
    expect(await storedIdea(ideaId)).toEqual(before);
    expect((await anonymousPage(ideaId, 'en')).text).toContain('Benches');
  });

  it('refuses someone else’s translation with the plain message', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour);
    const refused = await agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: csrf, locale: 'en', title: 'Casino', description: 'x' }).expect(403);
    expect(refused.text).toContain('You are not allowed to do this.');
    expect(await testApp.db('idea_translations').where({ idea_id: ideaId })).toEqual([]);
  });
});

describe('a post-moderated idea edited by its author', () => {
  it('goes live at once, is recorded as a revision, and the moderator sees before and after', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Old <i>title</i>', description: 'Old description' });
    const untouched = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Nobody changed me' });
    const originalCategory = (await testApp.db('ideas').where({ id: ideaId }).first()).category_id;
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/edit`);
    await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf, consultation.id, { description: 'Old description' }))
      .attach('photos', await smallPng(), 'a.png')
      .expect(303);
    await agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: csrf, locale: 'ru', title: 'Новое <b>название</b>', description: 'Описание' }).expect(303);

    expect((await anonymousPage(ideaId, 'lv')).text).toContain('Changed &lt;script&gt;alert(&#34;edit&#34;)&lt;/script&gt; title');
    const revisions = await testApp.db('idea_revisions').where({ idea_id: ideaId }).orderBy('id');
    expect(revisions).toHaveLength(2);
    const [photo] = await testApp.db('idea_photos').where({ idea_id: ideaId });
    expect(revisions[0]).toMatchObject({
      editor_id: author.id,
      reviewed_at: null,
      before: { title: 'Old <i>title</i>', categoryId: Number(originalCategory), nebValues: ['beautiful'], location: { latitude: 55.8747, longitude: 26.5362, placeName: null }, photoIds: [] },
      after: { title: 'Changed <script>alert("edit")</script> title', nebValues: ['sustainable'], location: { latitude: 55.8702, longitude: 26.5161, placeName: null }, photoIds: [Number(photo.id)] },
    });
    // Only what changed: the description was typed again as it was.
    expect(Object.keys(revisions[0].after)).not.toContain('description');
    expect(revisions[1]).toMatchObject({ before: { translation: null }, after: { translation: { locale: 'ru', title: 'Новое <b>название</b>', description: 'Описание' } } });

    const staff = await loggedInAgent(testApp.app, moderator, '/admin/moderation?view=edited');
    const queue = await staff.agent.get('/admin/moderation?view=edited').expect(200);
    expect(queue.text).toContain(`href="/admin/ideas/${ideaId}"`);
    expect(queue.text).not.toContain(`href="/admin/ideas/${untouched}"`);
    // Earlier tests of this file left edited ideas too.
    const [{ edited }] = await testApp.db('idea_revisions').whereNull('reviewed_at').countDistinct({ edited: 'idea_id' });
    const countText = `${edited} ${Number(edited) === 1 ? 'idea' : 'ideas'} edited after publication`;
    expect(queue.text).toContain(countText);
    expect(queue.text).toContain('<strong class="edited-mark">Edited</strong>');
    const home = await staff.agent.get('/admin').expect(200);
    expect(home.text).toContain(countText);

    const moderationPage = await staff.agent.get(`/admin/ideas/${ideaId}`).expect(200);
    expect(moderationPage.text).toContain('Changes by the author after publication');
    expect(moderationPage.text).toContain('2 changes not yet looked at by a moderator.');
    expect(moderationPage.text).toContain('by Anna &lt;b&gt;Autore&lt;/b&gt;');
    const titleRow = /<tr data-field="title">(.*?)<\/tr>/s.exec(moderationPage.text)?.[1] ?? '';
    expect(titleRow).toContain('<td class="revision-before">Old &lt;i&gt;title&lt;/i&gt;</td>');
    expect(titleRow).toContain('<td class="revision-after">Changed &lt;script&gt;alert(&#34;edit&#34;)&lt;/script&gt; title</td>');
    expect(moderationPage.text).toMatch(/<tr data-field="categoryId">.*Green spaces.*Heritage.*<\/tr>/s);
    expect(moderationPage.text).toContain('<td class="revision-before">55.8747, 26.5362</td>');
    expect(moderationPage.text).toContain(`<td class="revision-after">#${photo.id}</td>`);
    expect(moderationPage.text).toContain('Новое &lt;b&gt;название&lt;/b&gt;');
    expect(moderationPage.text).not.toContain('<tr data-field="description">');

    const untouchedPage = await staff.agent.get(`/admin/ideas/${untouched}`).expect(200);
    expect(untouchedPage.text).not.toContain('Changes by the author after publication');
    const reported = await staff.agent.get('/admin/moderation?view=pending').expect(200);
    expect(reported.text).not.toContain('class="edited-mark"');

    await staff.agent.post(`/admin/ideas/${ideaId}/revisions/reviewed`).type('form').send({ _csrf: staff.csrf }).expect(303);
    expect(await testApp.db('idea_revisions').where({ idea_id: ideaId }).whereNull('reviewed_at')).toEqual([]);
    expect((await staff.agent.get('/admin/moderation?view=edited').expect(200)).text).not.toContain(`href="/admin/ideas/${ideaId}"`);
    const seen = await staff.agent.get(`/admin/ideas/${ideaId}`).expect(200);
    expect(seen.text).toContain('Changes by the author after publication');
    expect(seen.text).not.toContain('class="edited-mark"');
    const audit = await testApp.db('audit_log').where({ target_id: ideaId, action: 'idea.revisions_reviewed' });
    expect(audit).toHaveLength(1);
    const again = await staff.agent.post(`/admin/ideas/${ideaId}/revisions/reviewed`).type('form').send({ _csrf: staff.csrf }).expect(422);
    expect(again.text).toContain('There are no changes waiting to be looked at.');
  });

  it('records nothing for an edit that changes nothing, nor for an idea nobody could read yet', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Same', description: 'Same text' });
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/edit`);
    const same = { title: 'Same', description: 'Same text', categoryId: String(await categoryId(testApp.db)), nebValues: ['beautiful'], latitude: '55.8747', longitude: '26.5362', sentence_beautiful: '<b>pretty</b>' };
    await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf, consultation.id, same)).expect(303);
    expect(await testApp.db('idea_revisions').where({ idea_id: ideaId })).toEqual([]);

    const draft = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'draft' });
    await uploadForm(agent.post(`/ideas/${draft}/edit`), await editFields(csrf, consultation.id)).expect(303);
    expect(await testApp.db('idea_revisions').where({ idea_id: draft })).toEqual([]);
  });

  it('the next anonymous request shows the edit, in every language, on the page, the list, the map and the API', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Before the edit' });
    const languages = ['lv', 'ru', 'en'];
    const seen = async () =>
      Promise.all(
        languages.map(async (language) => {
          const get = (path: string) => request(testApp.app).get(path).set('Accept-Language', language);
          const [page, list, map, api] = await Promise.all([get(`/ideas/${ideaId}`), get('/ideas'), get('/api/ideas.geojson'), get(`/api/ideas/${ideaId}`)]);
          const point = (JSON.parse(map.text) as { features: { id: number; geometry: { coordinates: number[] } }[] }).features.find((feature) => feature.id === ideaId);
          return { page: page.text, list: list.text, coordinates: point?.geometry.coordinates, api: api.body as { title: string } };
        }),
      );
    for (const warm of await seen()) expect(warm.page).toContain('Before the edit');
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/edit`);
    await uploadForm(agent.post(`/ideas/${ideaId}/edit`), await editFields(csrf, consultation.id, { title: 'After the edit' })).expect(303);
    for (const answer of await seen()) {
      expect(answer.page).toContain('After the edit');
      expect(answer.page).not.toContain('Before the edit');
      expect(answer.list).toContain('After the edit');
      expect(answer.coordinates).toEqual([26.5161, 55.8702]);
      expect(answer.api.title).toBe('After the edit');
    }
  });
});
