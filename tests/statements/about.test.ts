import request from 'supertest';
import type { ResponseCache } from '../../server/cache/response-cache';
import { circleRadius, emblemBlue, emblemHeight, emblemStars, emblemWidth, emblemYellow, starRadius } from '../../server/statements/eu-emblem';
import { csrfTokenIn, loggedInAgent } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';

const { testApp } = useScene();
const responseCache = () => testApp.app.get('responseCache') as ResponseCache;

/** Whether an anonymous request was answered from the response cache. */
async function fromMemory(send: () => Promise<unknown>): Promise<boolean> {
  const before = responseCache().hits;
  await send();
  return responseCache().hits > before;
}

describe('the About RETHINK page', () => {
  it.each([
    ['lv', 'Par projektu RETHINK', 'Par RETHINK', 'Līdzfinansē Eiropas Savienība', 'Eiropas Savienības karogs', 'ne vienmēr atspoguļo Eiropas Savienības', 'Trolhetana (Zviedrija)'],
    ['ru', 'О проекте RETHINK', 'О RETHINK', 'Софинансируется Европейским союзом', 'Флаг Европейского союза', 'не обязательно отражают позицию Европейского союза', 'Тролльхеттан (Швеция)'],
    ['en', 'About the RETHINK project', 'About RETHINK', 'Co-funded by the European Union', 'Flag of the European Union', 'do not necessarily reflect those of the European Union', 'Trollhättan (Sweden)'],
  ])('in %s: the project, the emblem with its name, the funding statement and disclaimer, and a link in every footer', async (lang, title, link, coFunded, emblemName, disclaimer, partner) => {
    const page = await request(testApp.app).get(`/about?lang=${lang}`).expect(200);
    expect(page.text).toContain(`<html lang="${lang}"`);
    expect(page.text).toContain(`<h1>${title}</h1>`);
    expect(page.text).toContain(`<p class="eu-cofunded">${coFunded}</p>`);
    expect(page.text).toContain(disclaimer);
    expect(page.text).toContain(partner);
    expect(page.text).toMatch(/Parm|Парм/);
    expect(page.text).toContain('CERV');
    expect(page.text).toMatch(/<svg class="eu-emblem" viewBox="0 0 300 200"[^>]* role="img" aria-labelledby="eu-emblem-title"/);
    expect(page.text).toContain(`<title id="eu-emblem-title">${emblemName}</title>`);
    expect(page.text).toContain('fill="#003399"');
    expect(page.text).toContain('fill="#FFCC00"');
    expect(page.text.match(/<polygon points=/g)).toHaveLength(12);
    for (const path of ['/', '/ideas', '/login', '/privacy', '/about', '/no-such-page']) {
      const response = await request(testApp.app).get(`${path}?lang=${lang}`);
      expect(response.text).toContain(`<a href="/about">${link}</a>`);
    }
  });

  it('draws the emblem to the official construction: 3:2, stars on a circle of a third of the height, each an eighteenth high, upright, at the hours', () => {
    expect(emblemWidth / emblemHeight).toBe(1.5);
    expect([emblemBlue, emblemYellow]).toEqual(['#003399', '#FFCC00']);
    expect(emblemStars).toHaveLength(12);
    emblemStars.forEach((star, hour) => {
      const points = star.split(' ').map((pair) => pair.split(',').map(Number));
      expect(points).toHaveLength(10);
      const cx = points.reduce((sum, [x]) => sum + x, 0) / 10;
      const cy = points.reduce((sum, [, y]) => sum + y, 0) / 10;
      const angle = (hour * Math.PI) / 6 - Math.PI / 2;
      expect(cx).toBeCloseTo(150 + (emblemHeight / 3) * Math.cos(angle), 2);
      expect(cy).toBeCloseTo(100 + (emblemHeight / 3) * Math.sin(angle), 2);
      expect(Math.hypot(cx - 150, cy - 100)).toBeCloseTo(circleRadius, 2);
      // Every star points straight up: its first vertex is right above its centre.
      expect(points[0][0]).toBeCloseTo(cx, 2);
      expect(cy - points[0][1]).toBeCloseTo(emblemHeight / 18, 2);
      for (const [index, [x, y]] of points.entries()) {
        const distance = Math.hypot(x - cx, y - cy);
        expect(distance).toBeCloseTo(index % 2 === 0 ? starRadius : starRadius * 0.381966, 2);
      }
    });
  });

  it('is a cached public answer that sets no cookie', async () => {
    const visit = () => request(testApp.app).get('/about').set('Accept-Language', 'en').expect(200);
    await visit();
    const again = await visit();
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers.etag).toBeDefined();
    expect(await fromMemory(visit)).toBe(true);
  });
});

describe('editing the About page', () => {
  it('an admin edit shows on the next anonymous request, as text, in that language only, and is audited', async () => {
    const anonymous = (language: string) => request(testApp.app).get('/about').set('Accept-Language', language).expect(200);
    expect((await anonymous('lv')).text).toContain('Jaunā Eiropas Bauhaus');
    expect(await fromMemory(() => anonymous('lv'))).toBe(true);

    const admin = await buildUser(testApp.db, { role: 'admin' });
    const { agent } = await loggedInAgent(testApp.app, admin, '/admin/statements');
    const list = await agent.get('/admin/statements?lang=en').expect(200);
    expect(list.text).toContain('href="/admin/statements/about/lv"');
    const form = await agent.get('/admin/statements/about/lv?lang=en').expect(200);
    expect(form.text).toContain('Trolhetana');
    const saved = await agent
      .post('/admin/statements/about/lv')
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), body: '## Tīkls <b>RETHINK</b>\nDaugavpils kopā ar Parmu <script>alert("t")</script>\n=HYPERLINK("http://x.example")', reviewedOn: '2027-02-01' })
      .expect(303);
    expect(saved.headers.location).toBe('/about?lang=lv');

    const page = await anonymous('lv');
    expect(page.text).toContain('<h2>Tīkls &lt;b&gt;RETHINK&lt;/b&gt;</h2>');
    expect(page.text).toMatch(/<p>Daugavpils kopā ar Parmu &lt;script&gt;alert\(.{1,6}t.{1,6}\)&lt;\/script&gt;<\/p>/);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('=HYPERLINK(');
    expect(page.text).not.toContain('Trolhetana');
    // The required EU wording is not part of the edited text: it stays.
    expect(page.text).toContain('Līdzfinansē Eiropas Savienība');
    expect(page.text).toContain('<title id="eu-emblem-title">Eiropas Savienības karogs</title>');
    expect((await anonymous('en')).text).toContain('Trollhättan (Sweden)');

    const row = await testApp.db('statements').where({ kind: 'about', locale: 'lv' }).first();
    expect(row.body).toContain('<script>alert("t")</script>');
    expect(row.updated_by).toBe(admin.id);
    const entry = await testApp.db('audit_log').where({ action: 'statement.updated' }).orderBy('id', 'desc').first();
    expect(entry.after).toEqual({ kind: 'about', locale: 'lv', reviewedOn: '2027-02-01' });
  });

  it.each([
    ['empty', '  \n ', 'Please write the text.'],
    ['over-long', 'x'.repeat(20001), 'The text can be at most 20,000 characters long.'],
  ])('refuses an %s text with a clear message and changes nothing', async (_case, body, message) => {
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const { agent } = await loggedInAgent(testApp.app, admin, '/admin/statements');
    const before = await testApp.db('statements').where({ kind: 'about', locale: 'ru' }).first();
    const form = await agent.get('/admin/statements/about/ru?lang=en').expect(200);
    const refused = await agent.post('/admin/statements/about/ru').type('form').send({ _csrf: csrfTokenIn(form.text), body, reviewedOn: '2027-02-01' }).expect(422);
    expect(refused.text).toContain(message);
    expect(refused.text).toContain('class="form-error" role="alert"');
    expect(await testApp.db('statements').where({ kind: 'about', locale: 'ru' }).first()).toEqual(before);
    expect((await request(testApp.app).get('/about?lang=ru').expect(200)).text).toContain('Тролльхеттан');
  });

  it('is for admins only: 403 for a resident and a moderator, a login for a visitor', async () => {
    for (const role of ['resident', 'moderator'] as const) {
      const user = await buildUser(testApp.db, { role });
      const { agent, csrf } = await loggedInAgent(testApp.app, user);
      await agent.get('/admin/statements/about/en').expect(403);
      await agent.post('/admin/statements/about/en').type('form').send({ _csrf: csrf, body: 'Taken over', reviewedOn: '2027-01-01' }).expect(403);
    }
    const visitor = await request(testApp.app).get('/admin/statements/about/en');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login/);
    expect(await testApp.db('statements').where({ kind: 'about', locale: 'en' }).first()).toBeUndefined();
    expect((await request(testApp.app).get('/about?lang=en').expect(200)).text).not.toContain('Taken over');
  });
});
