/**
 * Every write kind that changes what visitors see, followed at once by the anonymous answers a
 * cache would hold: the map data (whole and bbox), the list, the idea page and the API, in the
 * three languages. Each answer is requested once before the write too, so a cache is warm.
 */
import request from 'supertest';
import { csrfTokenIn, loggedInAgent } from '../helpers/forms';
import { useScene } from '../factories/scene';
import { buildConsultation, buildIdea, categoryId, consultationFormFields } from '../factories/ideas';

const { testApp, consultation, author, resident, moderator, admin } = useScene({
  users: { author: { displayName: 'Līga Autore' }, resident: {}, moderator: { role: 'moderator' }, admin: { role: 'admin' } },
  consultation: {},
});

const languages = ['lv', 'ru', 'en'] as const;
const pin = { latitude: 55.8751, longitude: 26.5362 };
const bbox = 'bbox=26.53,55.87,26.54,55.88';

interface Seen {
  mapIds: number[];
  bboxIds: number[];
  list: string;
  pageStatus: number;
  page: string;
  api: { status: number; body: Record<string, unknown> };
  home: string;
}

const anonymous = (path: string, language: string) => request(testApp.app).get(path).set('Accept-Language', language);
const featureIds = (body: { features: { id: number }[] }) => body.features.map((feature) => feature.id);

async function seenBy(language: string, ideaId: number): Promise<Seen> {
  const [map, inBox, list, page, api, home] = await Promise.all([
    anonymous('/api/ideas.geojson', language),
    anonymous(`/api/ideas.geojson?${bbox}`, language),
    anonymous('/ideas', language),
    anonymous(`/ideas/${ideaId}`, language),
    anonymous(`/api/ideas/${ideaId}`, language),
    anonymous('/', language),
  ]);
  return {
    mapIds: featureIds(JSON.parse(map.text)),
    bboxIds: featureIds(JSON.parse(inBox.text)),
    list: list.text,
    pageStatus: page.status,
    page: page.text,
    api: { status: api.status, body: api.body },
    home: home.text,
  };
}

/** Warms every answer in every language, makes the change, and returns what visitors see next. */
async function afterWrite(ideaId: number, write: () => Promise<unknown>): Promise<Record<string, Seen>> {
  for (const language of languages) await seenBy(language, ideaId);
  await write();
  const seen: Record<string, Seen> = {};
  for (const language of languages) seen[language] = await seenBy(language, ideaId);
  return seen;
}

const publishedIdea = (title = 'Soliņi pie upes') =>
  buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title, ...pin });

describe('the next anonymous request after a write shows it, in every language', () => {
  it('a new idea in a post-moderated consultation', async () => {
    const existing = await publishedIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    let created = 0;
    const seen = await afterWrite(existing, async () => {
      const post = agent.post('/ideas').query({ _csrf: csrf });
      const fields: Record<string, string> = {
        consultationId: String(consultation.id),
        title: 'Jauna strūklaka',
        description: 'Strūklaka laukumā.',
        originalLocale: 'lv',
        categoryId: String(await categoryId(testApp.db)),
        nebValues: 'together',
        latitude: String(pin.latitude),
        longitude: String(pin.longitude),
      };
      for (const [name, value] of Object.entries(fields)) post.field(name, value);
      created = Number((await post.expect(303)).headers.location.split('/').pop());
    });
    for (const language of languages) {
      expect(seen[language].mapIds).toContain(created);
      expect(seen[language].bboxIds).toContain(created);
      expect(seen[language].list).toContain('Jauna strūklaka');
    }
    await anonymous(`/api/ideas/${created}`, 'en').expect(200);
  });

  it('the publication of a pending idea in a pre-moderated consultation', async () => {
    const preModerated = await buildConsultation(testApp.db, { moderationMode: 'pre' });
    const pending = await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, title: 'Gaida moderatoru', visibility: 'pending', ...pin });
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, '/admin/moderation');
    const seen = await afterWrite(pending, () => agent.post(`/admin/ideas/${pending}/publish`).type('form').send({ _csrf: csrf }).expect(303));
    for (const language of languages) {
      expect(seen[language].mapIds).toContain(pending);
      expect(seen[language].bboxIds).toContain(pending);
      expect(seen[language].list).toContain('Gaida moderatoru');
      expect(seen[language].pageStatus).toBe(200);
      expect(seen[language].api.status).toBe(200);
    }
  });

  it('a support and its withdrawal, with the exact count', async () => {
    const ideaId = await publishedIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${ideaId}`);
    const supported = await afterWrite(ideaId, () => agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: csrf }).expect(303));
    for (const language of languages) expect(supported[language].api.body.supportCount).toBe(1);
    const withdrawn = await afterWrite(ideaId, () => agent.post(`/ideas/${ideaId}/support/withdraw`).type('form').send({ _csrf: csrf }).expect(303));
    for (const language of languages) expect(withdrawn[language].api.body.supportCount).toBe(0);
  });

  it('a comment, and its hiding by a moderator', async () => {
    const ideaId = await publishedIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${ideaId}`);
    const commented = await afterWrite(ideaId, () =>
      agent.post(`/ideas/${ideaId}/comments`).type('form').send({ _csrf: csrf, body: 'Lieliska doma, atbalstu' }).expect(303),
    );
    for (const language of languages) {
      expect(commented[language].page).toContain('Lieliska doma, atbalstu');
      expect(commented[language].api.body.commentCount).toBe(1);
    }
    const { id: commentId } = await testApp.db('comments').where({ idea_id: ideaId }).first('id');
    const staff = await loggedInAgent(testApp.app, moderator, '/admin/moderation');
    const hidden = await afterWrite(ideaId, () =>
      staff.agent.post(`/admin/comments/${commentId}/hide`).type('form').send({ _csrf: staff.csrf, reason: 'Off topic' }).expect(303),
    );
    for (const language of languages) expect(hidden[language].page).not.toContain('Lieliska doma, atbalstu');
  });

  it('a status change with an official answer', async () => {
    const ideaId = await publishedIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${ideaId}/status`);
    const seen = await afterWrite(ideaId, () =>
      agent
        .post(`/admin/ideas/${ideaId}/status`)
        .type('form')
        .send({ _csrf: csrf, status: 'under_review', answer_lv: 'Izskatām pašvaldībā', answer_ru: 'Рассматриваем в думе', answer_en: 'Under review at the council' })
        .expect(303),
    );
    expect(seen.lv.page).toContain('Izskatām pašvaldībā');
    expect(seen.ru.page).toContain('Рассматриваем в думе');
    expect(seen.en.page).toContain('Under review at the council');
    for (const language of languages) expect(seen[language].api.body.status).toBe('under_review');
    const underReview = await anonymous('/api/ideas.geojson?status=under_review', 'en').expect(200);
    expect(featureIds(JSON.parse(underReview.text))).toContain(ideaId);
  });

  it('hiding an idea: gone from the map, the list and the API, its page 404', async () => {
    const ideaId = await publishedIdea('Drīz paslēpta ideja');
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, '/admin/moderation');
    const seen = await afterWrite(ideaId, () => agent.post(`/admin/ideas/${ideaId}/hide`).type('form').send({ _csrf: csrf, reason: 'Spam' }).expect(303));
    for (const language of languages) {
      expect(seen[language].mapIds).not.toContain(ideaId);
      expect(seen[language].bboxIds).not.toContain(ideaId);
      expect(seen[language].list).not.toContain('Drīz paslēpta ideja');
      expect(seen[language].pageStatus).toBe(404);
      expect(seen[language].api.status).toBe(404);
    }
  });

  it('a translation by the author', async () => {
    const ideaId = await publishedIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/translations`);
    const seen = await afterWrite(ideaId, () =>
      agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: csrf, locale: 'ru', title: 'Скамейки у реки', description: 'Больше скамеек.' }).expect(303),
    );
    expect(seen.ru.page).toContain('Скамейки у реки');
    for (const language of languages) expect(seen[language].api.body.translations).toMatchObject({ ru: { title: 'Скамейки у реки' } });
  });

  it('a category renamed by an admin', async () => {
    const ideaId = await publishedIdea();
    const greenSpace = await testApp.db('categories').where({ id: await categoryId(testApp.db) }).first();
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, `/admin/categories/${greenSpace.id}`);
    const seen = await afterWrite(ideaId, () =>
      agent
        .post(`/admin/categories/${greenSpace.id}`)
        .type('form')
        .send({ _csrf: csrf, slug: greenSpace.slug, name_lv: 'Zaļās zonas', name_ru: 'Зелёные зоны', name_en: 'Green zones', icon: greenSpace.icon, color: greenSpace.color, position: String(greenSpace.position) })
        .expect(303),
    );
    expect(seen.lv.page).toContain('Zaļās zonas');
    expect(seen.ru.list).toContain('Зелёные зоны');
    expect(seen.en.home).toContain('Green zones');
    expect(seen.en.api.body.category).toMatchObject({ name: { en: 'Green zones' } });
  });

  it("a consultation's text and area changed by an admin", async () => {
    const ideaId = await publishedIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, `/admin/consultations/${consultation.id}`);
    const row = await testApp.db('consultations').where({ id: consultation.id }).first();
    const square = { type: 'Polygon', coordinates: [[[26.5, 55.86], [26.57, 55.86], [26.57, 55.9], [26.5, 55.9], [26.5, 55.86]]] };
    const seen = await afterWrite(ideaId, () =>
      agent
        .post(`/admin/consultations/${consultation.id}`)
        .type('form')
        .send({
          _csrf: csrf,
          ...consultationFormFields({
            slug: row.slug,
            title_lv: 'Upes krasts 2027',
            title_ru: 'Берег реки 2027',
            title_en: 'Riverside 2027',
            description_lv: 'Jauns apraksts',
            description_ru: 'Новое описание',
            description_en: 'A new description',
            area: JSON.stringify(square),
          }),
        })
        .expect(303),
    );
    expect(seen.lv.home).toContain('Upes krasts 2027');
    expect(seen.ru.home).toContain('Новое описание');
    expect(seen.en.home).toContain('Riverside 2027');
  });

  it("an account erased: its name is gone from the pages that showed it", async () => {
    const ideaId = await publishedIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}`);
    await agent.post(`/ideas/${ideaId}/comments`).type('form').send({ _csrf: csrf, body: 'Autores komentārs' }).expect(303);
    for (const language of languages) expect((await seenBy(language, ideaId)).page).toContain('Līga Autore');
    const seen = await afterWrite(ideaId, async () => {
      const page = await agent.get('/account/delete?lang=en').expect(200);
      await agent.post('/account/delete').type('form').send({ _csrf: csrfTokenIn(page.text), password: author.password }).expect(200);
    });
    for (const language of languages) {
      expect(seen[language].page).not.toContain('Līga Autore');
      expect(seen[language].list).not.toContain('Līga Autore');
      expect(JSON.stringify(seen[language].api.body)).not.toContain('Līga Autore');
    }
  });
});
