import request from 'supertest';
import { useScene } from '../factories/scene';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildPhoto } from '../factories/photos';
import { loggedInAgent } from '../helpers/forms';
import { queriesDuring } from '../helpers/sent-queries';
import { configuredPhotoStorage } from '../../server/uploads/photo-storage';

const { testApp, consultation, author, resident } = useScene({ users: { author: {}, resident: {} }, consultation: {} });

const storage = () => configuredPhotoStorage(testApp.config, testApp.db);
const anonymous = (path: string) => request(testApp.app).get(path);

/** The card of one idea on a page: from its <li> to the end of that <li>. */
function cardOf(html: string, ideaId: number): string {
  const start = html.lastIndexOf('<li class="idea-cards-item">', html.indexOf(`href="/ideas/${ideaId}"`));
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</li>', start));
}

let withPhoto: number;
let withoutPhoto: number;
let thumbnailKey: string;
beforeAll(async () => {
  withPhoto = await buildIdea(testApp.db, {
    consultationId: consultation.id,
    authorId: author.id,
    title: '=HYPERLINK("http://evil","x") <script>alert(1)</script>',
    nebValues: ['beautiful', 'together'],
    supportCount: 1,
    commentCount: 2,
  });
  ({ thumbnailKey } = await buildPhoto(testApp.db, storage(), withPhoto));
  await buildPhoto(testApp.db, storage(), withPhoto);
  withoutPhoto = await buildIdea(testApp.db, {
    consultationId: consultation.id,
    authorId: author.id,
    title: 'Benches by the river',
    category: 'green-space',
    status: 'accepted',
    supportCount: 21,
    commentCount: 5,
  });
  await testApp.changes.settled();
});

describe('idea cards on the list', () => {
  it('show the first photo\u2019s thumbnail, lazy, with its size, and the title as the one link', async () => {
    const card = cardOf((await anonymous('/ideas?lang=en').expect(200)).text, withPhoto);
    // The factory's photo row is 800 × 600: its thumbnail is 400 × 300.
    expect(card).toMatch(new RegExp(`<img src="/uploads/${thumbnailKey}" width="400" height="300" alt="" loading="lazy" decoding="async">`));
    expect(card).toContain('<article class="card idea-card idea-card-with-photo"');
    expect(card.match(/<a /g)).toHaveLength(1);
    expect(card).toMatch(/<h2 class="idea-card-title"[^>]*><a class="idea-card-link" href="\/ideas\/\d+"/);
    expect(card).not.toContain('idea-card-illustration');
    expect(card).toContain('class="badge badge-status-new"');
    expect(card).toContain('Beautiful');
    expect(card).toContain('Together');
  });

  it('show the category\u2019s illustration without a photo: its icon on its colour, drawn inline', async () => {
    const category = await testApp.db('categories').where({ slug: 'green-space' }).first('color');
    const card = cardOf((await anonymous('/ideas?lang=en').expect(200)).text, withoutPhoto);
    expect(card).not.toContain('<img');
    expect(card).toContain(`<svg class="idea-card-illustration" viewBox="0 0 150 100" preserveAspectRatio="xMidYMid slice" color="${category.color}" aria-hidden="true"`);
    expect(card).toContain('class="badge badge-status-accepted"');
  });

  it.each([
    ['en', ['1 support', '2 comments'], ['21 supports', '5 comments']],
    ['lv', ['1 atbalstītājs', '2 komentāri'], ['21 atbalstītājs', '5 komentāri']],
    ['ru', ['1 голос в поддержку', '2 комментария'], ['21 голос в поддержку', '5 комментариев']],
  ])('count supports and comments with the plurals of %s', async (language, first, second) => {
    const page = (await anonymous(`/ideas?lang=${language}`).expect(200)).text;
    for (const text of first) expect(cardOf(page, withPhoto)).toContain(text);
    for (const text of second) expect(cardOf(page, withoutPhoto)).toContain(text);
  });

  it('escape the title people wrote', async () => {
    const card = cardOf((await anonymous('/ideas').expect(200)).text, withPhoto);
    expect(card).toContain('=HYPERLINK(&#34;http://evil&#34;,&#34;x&#34;) &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(card).not.toContain('<script>');
    expect(card).not.toContain('<img src=x');
  });

  it('are also the profile\u2019s list of ideas, under its h2', async () => {
    const page = (await anonymous(`/users/${author.id}?lang=en`).expect(200)).text;
    expect(cardOf(page, withPhoto)).toMatch(new RegExp(`<h3 class="idea-card-title"[^>]*><a class="idea-card-link" href="/ideas/${withPhoto}"`));
    expect(cardOf(page, withPhoto)).toContain(`/uploads/${thumbnailKey}`);
    expect(cardOf(page, withoutPhoto)).toContain('idea-card-illustration');
  });
});

describe('the list\u2019s queries', () => {
  it('are as many for 20 ideas with photos as for 1', async () => {
    const one = await buildConsultation(testApp.db);
    const twenty = await buildConsultation(testApp.db);
    for (const [consultationId, count] of [[one, 1], [twenty, 20]] as const) {
      for (let index = 0; index < count; index += 1) {
        const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });
        await buildPhoto(testApp.db, storage(), ideaId);
      }
    }
    await testApp.changes.settled();
    await anonymous('/ideas').expect(200);
    let onePage = '';
    let twentyPage = '';
    const forOne = await queriesDuring(testApp.db, async () => {
      onePage = (await anonymous(`/ideas?consultation=${one}`).expect(200)).text;
    });
    const forTwenty = await queriesDuring(testApp.db, async () => {
      twentyPage = (await anonymous(`/ideas?consultation=${twenty}`).expect(200)).text;
    });
    expect(onePage.match(/<img src="\/uploads\//g)).toHaveLength(1);
    expect(twentyPage.match(/<img src="\/uploads\//g)).toHaveLength(20);
    expect(forTwenty.length).toBe(forOne.length);
    expect(forTwenty.length).toBeLessThanOrEqual(2);
  });
});

describe('the cached list', () => {
  it('shows a photo added to an idea on the next anonymous request', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'A square without a picture yet' });
    await testApp.changes.settled();
    expect(cardOf((await anonymous('/ideas').expect(200)).text, ideaId)).toContain('idea-card-illustration');
    // Written outside the app, as a second process would: the database announces it.
    const { thumbnailKey: added } = await buildPhoto(testApp.db, storage(), ideaId);
    await testApp.changes.settled();
    const card = cardOf((await anonymous('/ideas').expect(200)).text, ideaId);
    expect(card).toContain(`/uploads/${added}`);
    expect(card).not.toContain('idea-card-illustration');
  });

  it('shows a new support on the next anonymous request', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'A fountain' });
    await testApp.changes.settled();
    expect(cardOf((await anonymous('/ideas?lang=en').expect(200)).text, ideaId)).toContain('0 supports');
    const { agent, csrf } = await loggedInAgent(testApp.app, resident);
    await agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: csrf }).expect(303);
    expect(cardOf((await anonymous('/ideas?lang=en').expect(200)).text, ideaId)).toContain('1 support');
  });
});
