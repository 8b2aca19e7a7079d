import request from 'supertest';
import { csrfTokenIn, loggedInAgent } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';

const { testApp } = useScene({ app: { env: { TILE_URL: 'https://tiles.example.lv/{z}/{x}/{y}.png', INACTIVE_ACCOUNT_MONTHS: '24' } } });

describe('accessibility statement and privacy notice', () => {
  it.each([
    ['lv', 'Piekļūstamības paziņojums', 'Privātuma paziņojums', 'Nr. 445'],
    ['ru', 'Заявление о доступности', 'Уведомление о конфиденциальности', '№ 445'],
    ['en', 'Accessibility statement', 'Privacy notice', 'No. 445'],
  ])('render in %s, linked from the footer of every page', async (lang, accessibility, privacy, regulation) => {
    const a11y = await request(testApp.app).get(`/accessibility?lang=${lang}`).expect(200);
    expect(a11y.text).toContain(`<h1>${accessibility}</h1>`);
    expect(a11y.text).toContain(regulation);
    expect(a11y.text).toMatch(/LVS EN 301 549/);
    expect(a11y.text).toMatch(/\/ideas|&quot;|«|“/);
    const notice = await request(testApp.app).get(`/privacy?lang=${lang}`).expect(200);
    expect(notice.text).toContain(`<h1>${privacy}</h1>`);
    expect(notice.text).toContain('<code>kopa.sid</code>');
    expect(notice.text).toContain('<code>lang</code>');
    expect(notice.text).toContain('https://tiles.example.lv');
    expect(notice.text).toContain('24');
    expect(notice.text).toContain('Daugavpils');
    for (const page of ['/', '/ideas', '/login', '/register', '/privacy', '/no-such-page']) {
      const response = await request(testApp.app).get(`${page}?lang=${lang}`);
      expect(response.text).toContain(`<a href="/accessibility">${accessibility}</a>`);
      expect(response.text).toContain(`<a href="/privacy">${privacy}</a>`);
    }
  });

  it('show the date of the last review and set no cookie', async () => {
    const response = await request(testApp.app).get('/accessibility').set('Accept-Language', 'en').expect(200);
    expect(response.text).toContain('Last reviewed on 3 December 2026.');
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});

describe('editing the statements', () => {
  it('lets an admin change a text per language, shown as escaped paragraphs and headings, and audited', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const { agent } = await loggedInAgent(testApp.app, admin, '/admin/statements');
    const form = await agent.get('/admin/statements/privacy/ru?lang=en').expect(200);
    expect(form.text).toContain('Самоуправление государственного города Даугавпилс');
    const csrf = csrfTokenIn(form.text);
    const bad = await agent.post('/admin/statements/privacy/ru').type('form').send({ _csrf: csrf, body: '  ', reviewedOn: '2026-02-30' }).expect(422);
    expect(bad.text).toContain('Please write the text.');
    expect(bad.text).toContain('Please enter the date as YYYY-MM-DD.');
    await agent
      .post('/admin/statements/privacy/ru')
      .type('form')
      .send({ _csrf: csrf, body: '## Контакты\nПишите на dpo@daugavpils.lv <script>alert(1)</script>\n\nВторой абзац', reviewedOn: '2027-01-15' })
      .expect(303);
    const page = await request(testApp.app).get('/privacy?lang=ru').expect(200);
    expect(page.text).toContain('<h2>Контакты</h2>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).toContain('dpo@daugavpils.lv');
    expect(page.text).toContain('<p>Второй абзац</p>');
    expect(page.text).toContain('15 января 2027');
    // The generated facts stay, and other languages keep their text.
    expect(page.text).toContain('<code>kopa.sid</code>');
    expect((await request(testApp.app).get('/privacy?lang=en').expect(200)).text).toContain('Who is responsible');
    const entry = await testApp.db('audit_log').where({ action: 'statement.updated' }).first();
    expect(entry.after).toEqual({ kind: 'privacy', locale: 'ru', reviewedOn: '2027-01-15' });
  });

  it('is for admins only, and unknown kinds are 404', async () => {
    const moderator = await buildUser(testApp.db, { role: 'moderator' });
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator);
    await agent.get('/admin/statements/privacy/lv').expect(403);
    await agent.post('/admin/statements/privacy/lv').type('form').send({ _csrf: csrf, body: 'x', reviewedOn: '2027-01-01' }).expect(403);
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const { agent: adminAgent } = await loggedInAgent(testApp.app, admin);
    await adminAgent.get('/admin/statements/cookies/lv').expect(404);
    await adminAgent.get('/admin/statements/privacy/de').expect(404);
  });
});
