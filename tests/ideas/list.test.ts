import request from 'supertest';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp } = useScene();
beforeAll(async () => {
  const author = await buildUser(testApp.db);
  const consultationId = await buildConsultation(testApp.db);
  for (let index = 0; index < 23; index += 1) {
    await buildIdea(testApp.db, {
      consultationId,
      authorId: author.id,
      title: `Idea number ${index}`,
      supportCount: index === 3 ? 50 : index,
      commentCount: index === 7 ? 99 : 0,
      createdAt: new Date(Date.UTC(2026, 0, 1 + index)),
    });
  }
  await buildIdea(testApp.db, { consultationId, authorId: author.id, title: 'Hidden one', visibility: 'hidden' });
});

const titlesOn = (html: string) => [...html.matchAll(/<h2 class="idea-card-title"[^>]*><a class="idea-card-link" href="\/ideas\/\d+" lang="[a-z]{2}">([^<]+)<\/a>/g)].map((match) => match[1]);

describe('the list of ideas', () => {
  it('shows 20 published ideas a page, newest first, with a count in the visitor’s language', async () => {
    const page = await request(testApp.app).get('/ideas?lang=ru').expect(200);
    expect(page.text).toContain('Найдено 23 идеи.');
    expect(titlesOn(page.text)).toHaveLength(20);
    expect(titlesOn(page.text)[0]).toBe('Idea number 22');
    expect(page.text).not.toContain('Hidden one');
    expect(page.text).toContain('href="/ideas?sort=newest&amp;page=2"');
    const second = await request(testApp.app).get('/ideas?page=2').expect(200);
    expect(titlesOn(second.text)).toEqual(['Idea number 2', 'Idea number 1', 'Idea number 0']);
  });

  it('sorts by supports and by comments', async () => {
    expect(titlesOn((await request(testApp.app).get('/ideas?sort=supported').expect(200)).text)[0]).toBe('Idea number 3');
    expect(titlesOn((await request(testApp.app).get('/ideas?sort=discussed').expect(200)).text)[0]).toBe('Idea number 7');
  });

  it('keeps filters in links between the map and the list', async () => {
    const page = await request(testApp.app).get('/ideas?category=green-space&q=number').expect(200);
    expect(page.text).toContain('href="/?category=green-space&amp;q=number"');
    const map = await request(testApp.app).get('/?category=green-space&q=number').expect(200);
    expect(map.text).toContain('data-geojson-url="/api/ideas.geojson?category=green-space&amp;q=number"');
    expect(map.text).toContain('href="/ideas?category=green-space&amp;q=number"');
  });

  it('escapes texts people wrote', async () => {
    const page = await request(testApp.app).get('/ideas').expect(200);
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain('<img src=x');
  });

  it('answers a malformed filter with a 400 page naming it', async () => {
    const page = await request(testApp.app).get('/ideas?lang=en&sort=random').expect(400);
    expect(page.text).toContain('The parameter “sort” is not valid');
  });
});

describe('a very long list', () => {
  it('counts every idea the pins cover, stops counting a text search past 10,000, and pages on', async () => {
    const [{ id: authorId }] = await testApp.db('users').select('id').limit(1);
    const [{ id: consultationId }] = await testApp.db('consultations').select('id').limit(1);
    const [{ id: categoryId }] = await testApp.db('categories').select('id').limit(1);
    await testApp.db.raw(
      `insert into ideas (consultation_id, author_id, title, description, original_locale, category_id, neb_values, latitude, longitude)
       select ?::bigint, ?::bigint, 'Bulk ' || n, 'Bulk idea', 'lv', ?::bigint, array['together'], 55.87, 26.53 from generate_series(1, 10000) as n`,
      [consultationId, authorId, categoryId],
    );
    const first = await request(testApp.app).get('/ideas?lang=en').expect(200);
    expect(first.text).toContain('10,023 ideas found.');
    expect(first.text).toContain('Page 1 of 502<');
    expect(first.text).toContain('href="/ideas?sort=newest&amp;page=2"');
    const searched = await request(testApp.app).get('/ideas?lang=en&q=idea').expect(200);
    expect(searched.text).toContain('More than 10,000 ideas found.');
    expect(searched.text).toContain('Page 1<');
    expect(searched.text).toContain('href="/ideas?q=idea&amp;sort=newest&amp;page=2"');
    const last = await request(testApp.app).get('/ideas?lang=en&page=502').expect(200);
    expect(titlesOn(last.text)).toHaveLength(3);
    expect(last.text).not.toContain('rel="next"');
  });
});
