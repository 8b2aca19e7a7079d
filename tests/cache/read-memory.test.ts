import request from 'supertest';
import { useScene } from '../factories/scene';
import { buildIdea, categoryId, consultationFormFields } from '../factories/ideas';
import { loggedInAgent } from '../helpers/forms';

const { testApp, consultation, admin, moderator, author, resident } = useScene({
  users: { admin: { role: 'admin' }, moderator: { role: 'moderator' }, author: {}, resident: {} },
  consultation: {},
});

let ideaId: number;
beforeAll(async () => {
  ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Lights in the park', category: 'heritage' });
});

const anonymous = (path: string) => request(testApp.app).get(path);

/** Reads every page once, so that what they show is in memory before the change. */
async function warm(...paths: string[]) {
  for (const path of paths) await anonymous(path);
}

describe('reference data in memory is dropped by the reference scope', () => {
  it('shows a category renamed by an admin on the next anonymous map page and idea page', async () => {
    await warm('/?lang=en', `/ideas/${ideaId}?lang=en`, '/ideas?lang=en');
    const id = await categoryId(testApp.db, 'heritage');
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, `/admin/categories/${id}`);
    await agent
      .post(`/admin/categories/${id}`)
      .type('form')
      .send({ _csrf: csrf, slug: 'heritage', name_lv: 'Mantojums', name_ru: 'Наследие', name_en: 'Old <b>town</b>', icon: 'castle', color: '#7c2d12', position: '3' })
      .expect(303);
    for (const path of ['/?lang=en', `/ideas/${ideaId}?lang=en`, '/ideas?lang=en']) {
      expect((await anonymous(path).expect(200)).text).toContain('Old &lt;b&gt;town&lt;/b&gt;');
    }
  });

  it('shows a consultation\u2019s text changed by an admin on the next anonymous map page', async () => {
    await warm('/?lang=ru');
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, `/admin/consultations/${consultation.id}`);
    await agent
      .post(`/admin/consultations/${consultation.id}`)
      .type('form')
      .send({
        _csrf: csrf,
        ...consultationFormFields({ slug: 'riverside-2027', title_lv: 'Krasts 2027', title_ru: 'Берег <i>2027</i>', title_en: 'Riverside 2027', description_ru: 'Новое описание берега' }),
      })
      .expect(303);
    const page = (await anonymous('/?lang=ru').expect(200)).text;
    expect(page).toContain('Берег &lt;i&gt;2027&lt;/i&gt;');
    expect(page).toContain('Новое описание берега');
  });

  it('shows a statement edited by an admin on the next anonymous statement page', async () => {
    await warm('/privacy?lang=en');
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/statements/privacy/en');
    await agent.post('/admin/statements/privacy/en').type('form').send({ _csrf: csrf, body: 'We keep <very> little.', reviewedOn: '2026-12-01' }).expect(303);
    expect((await anonymous('/privacy?lang=en').expect(200)).text).toContain('We keep &lt;very&gt; little.');
  });
});

describe('an idea\u2019s shared parts in memory are dropped by its idea scope', () => {
  it('shows a new comment on the next anonymous idea page', async () => {
    await warm(`/ideas/${ideaId}`);
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${ideaId}`);
    await agent.post(`/ideas/${ideaId}/comments`).type('form').send({ _csrf: csrf, body: 'Yes <please>, more light' }).expect(303);
    const page = (await anonymous(`/ideas/${ideaId}`).expect(200)).text;
    expect(page).toContain('Yes &lt;please&gt;, more light');
    expect((await anonymous(`/api/ideas/${ideaId}`).expect(200)).body.commentCount).toBe(1);
  });

  it('shows a translation on the next anonymous page in that language and in the API', async () => {
    await warm(`/ideas/${ideaId}?lang=ru`, `/api/ideas/${ideaId}`);
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/translations`);
    await agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: csrf, locale: 'ru', title: 'Свет в парке', description: 'Больше света' }).expect(303);
    expect((await anonymous(`/ideas/${ideaId}?lang=ru`).expect(200)).text).toContain('Свет в парке');
    expect((await anonymous(`/api/ideas/${ideaId}`).expect(200)).body.translations.ru).toEqual({ title: 'Свет в парке', description: 'Больше света' });
  });

  it('answers 404 to everyone but its author and staff once a moderator hides it, though staff read it into memory', async () => {
    const hiddenId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Soon hidden' });
    await warm(`/ideas/${hiddenId}`, `/api/ideas/${hiddenId}`);
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${hiddenId}`);
    await agent.post(`/admin/ideas/${hiddenId}/hide`).type('form').send({ _csrf: csrf, reason: 'Off topic' }).expect(303);
    expect((await agent.get(`/ideas/${hiddenId}?lang=en`).expect(200)).text).toContain('Off topic');
    await anonymous(`/ideas/${hiddenId}`).expect(404);
    await anonymous(`/api/ideas/${hiddenId}`).expect(404);
    const { agent: residentAgent } = await loggedInAgent(testApp.app, resident);
    await residentAgent.get(`/ideas/${hiddenId}`).expect(404);
    const { agent: authorAgent } = await loggedInAgent(testApp.app, author);
    expect((await authorAgent.get(`/ideas/${hiddenId}?lang=en`).expect(200)).text).toContain('Off topic');
  });

  it('shows a new duplicate on its original’s page, and drops it once the duplicate is hidden', async () => {
    const original = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'The original' });
    const duplicate = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'The repeat' });
    await warm(`/ideas/${original}`);
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${duplicate}`);
    await agent.post(`/admin/ideas/${duplicate}/duplicate`).type('form').send({ _csrf: csrf, originalId: String(original) }).expect(303);
    expect((await anonymous(`/ideas/${original}`).expect(200)).text).toContain('The repeat');
    await agent.post(`/admin/ideas/${duplicate}/hide`).type('form').send({ _csrf: csrf, reason: 'Repeat' }).expect(303);
    expect((await anonymous(`/ideas/${original}`).expect(200)).text).not.toContain('The repeat');
  });
});
