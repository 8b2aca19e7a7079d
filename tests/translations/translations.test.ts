import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildIdea, categoryId } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp, consultation, author, stranger, moderator } = useScene({
  users: { author: { preferredLocale: 'lv' }, stranger: {}, moderator: { role: 'moderator' } },
  consultation: {},
});

describe('translations of residents’ ideas', () => {
  it('the author adds an English translation: English visitors read it, marked as translated, with a way to the original', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Soliņi pie upes', description: 'Vairāk soliņu gar Daugavu.' });
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/translations`);
    await agent
      .post(`/ideas/${ideaId}/translations`)
      .type('form')
      .send({ _csrf: csrf, locale: 'en', title: 'Benches by the river <script>x</script>', description: 'More benches along the Daugava.' })
      .expect(303);

    const english = await request(testApp.app).get(`/ideas/${ideaId}?lang=en`).expect(200);
    expect(english.text).toContain('<article class="idea" lang="en">');
    expect(english.text).toContain('<h1>Benches by the river &lt;script&gt;x&lt;/script&gt;</h1>');
    expect(english.text).toContain('More benches along the Daugava.');
    expect(english.text).toContain('Translated from Latvian.');
    expect(english.text).toContain(`href="/ideas/${ideaId}?original=1"`);
    const original = await request(testApp.app).get(`/ideas/${ideaId}?lang=en&original=1`).expect(200);
    expect(original.text).toContain('<h1>Soliņi pie upes</h1>');
    expect(original.text).toContain('You are reading the original.');
    const latvian = await request(testApp.app).get(`/ideas/${ideaId}?lang=lv`).expect(200);
    expect(latvian.text).toContain('<h1>Soliņi pie upes</h1>');
    expect(latvian.text).not.toContain('Tulkots no');
    const russian = await request(testApp.app).get(`/ideas/${ideaId}?lang=ru`).expect(200);
    expect(russian.text).toContain('<h1>Soliņi pie upes</h1>');

    const list = await request(testApp.app).get('/ideas?lang=en').expect(200);
    expect(list.text).toContain(`<a class="idea-card-link" href="/ideas/${ideaId}" lang="en">Benches by the river &lt;script&gt;x&lt;/script&gt;</a>`);
    const api = await request(testApp.app).get(`/api/ideas/${ideaId}`).expect(200);
    expect(api.body.translations).toEqual({ en: { title: 'Benches by the river <script>x</script>', description: 'More benches along the Daugava.' } });
    expect(await testApp.db('audit_log').where({ target_id: ideaId })).toHaveLength(0);
  });

  it('staff translations are recorded in the audit log, with what was there before', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/ideas/${ideaId}/translations`);
    for (const title of ['Скамейки', 'Скамейки у реки']) {
      await agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: csrf, locale: 'ru', title, description: 'Больше скамеек.' }).expect(303);
    }
    const entries = await testApp.db('audit_log').where({ target_id: ideaId, action: 'idea.translation_saved' }).orderBy('id');
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ before: { locale: 'ru', title: 'Скамейки' }, after: { locale: 'ru', title: 'Скамейки у реки' } });
  });

  it('refuses strangers, the original language and overlong text, storing nothing', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const other = await loggedInAgent(testApp.app, stranger);
    await other.agent.get(`/ideas/${ideaId}/translations`).expect(403);
    await other.agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: other.csrf, locale: 'en', title: 'x', description: 'y' }).expect(403);
    const { agent, csrf } = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}/translations`);
    const same = await agent.post(`/ideas/${ideaId}/translations?lang=en`).type('form').send({ _csrf: csrf, locale: 'lv', title: 'x', description: 'y' }).expect(422);
    expect(same.text).toContain('it needs no translation into it');
    await agent.post(`/ideas/${ideaId}/translations`).type('form').send({ _csrf: csrf, locale: 'de', title: 'x', description: 'y' }).expect(422);
    const long = await agent.post(`/ideas/${ideaId}/translations?lang=en`).type('form').send({ _csrf: csrf, locale: 'en', title: 'x'.repeat(121), description: 'y' }).expect(422);
    expect(long.text).toContain('value="' + 'x'.repeat(121) + '"');
    expect(await testApp.db('idea_translations').where({ idea_id: ideaId })).toHaveLength(0);
    await request(testApp.app).get(`/ideas/${ideaId}/translations`).expect(303);
  });
});

describe('the language of a new idea', () => {
  it('is detected from the text when the author does not choose it', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, author, '/ideas/new');
    const response = await agent
      .post('/ideas')
      .query({ _csrf: csrf })
      .field('consultationId', String(consultation.id))
      .field('title', 'Скамейки и тень у реки')
      .field('description', 'Нужно больше скамеек и деревьев вдоль набережной, чтобы пожилым людям было где отдохнуть.')
      .field('originalLocale', '')
      .field('categoryId', String(await categoryId(testApp.db)))
      .field('nebValues', 'together')
      .field('place', 'centrs')
      .expect(303);
    const id = Number(response.headers.location.split('/').pop());
    expect((await testApp.db('ideas').where({ id }).first()).original_locale).toBe('ru');
  });
});
