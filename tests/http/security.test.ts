import request from 'supertest';
import { createTestApp } from '../helpers/test-app';
import { visitorWithForm, setCookiesOf } from '../helpers/forms';
import { useScene } from '../factories/scene';

const { testApp } = useScene({ app: { env: { TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' } } });

describe('security baseline', () => {
  it('sends a CSP without inline script and with only the tile server as a third party', async () => {
    const response = await request(testApp.app).get('/').expect(200);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain('img-src \'self\' data: blob: https://*.tiles.example.org');
    expect(csp).not.toMatch(/https:\/\/(?!\*\.tiles\.example\.org)/);
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('gives an anonymous visitor no cookie and no session row', async () => {
    const response = await request(testApp.app).get('/').expect(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(Number((await testApp.db('sessions').count({ count: '*' }))[0].count)).toBe(0);
  });

  it('sets HttpOnly SameSite=Lax session cookies when a form needs a session', async () => {
    const response = await request(testApp.app).get('/login').expect(200);
    const cookie = setCookiesOf(response).find((value: string) => value.startsWith('kopa.sid='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks cookies Secure in production', async () => {
    const production = await createTestApp({ env: { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TRUST_PROXY: 'loopback' } });
    try {
      const response = await request(production.app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
      const cookie = setCookiesOf(response).find((value: string) => value.startsWith('kopa.sid='));
      expect(cookie).toMatch(/Secure/);
    } finally {
      await production.close();
    }
  });

  it('refuses a POST with a wrong CSRF token with 403, changing nothing', async () => {
    const { agent } = await visitorWithForm(testApp.app, '/register?lang=lv');
    const response = await agent
      .post('/register')
      .type('form')
      .send({ _csrf: 'forged', displayName: 'X', email: 'forged@example.lv', password: 'long enough', preferredLocale: 'lv' })
      .expect(403);
    expect(response.text).toContain('Veidlapas derīgums ir beidzies');
    expect(await testApp.db('users').where({ email: 'forged@example.lv' }).first()).toBeUndefined();
  });

  it('answers a body over the limit with a localized 413 page and stores nothing', async () => {
    const { agent, csrf } = await visitorWithForm(testApp.app, '/register?lang=ru');
    const response = await agent
      .post('/register')
      .type('form')
      .send({ _csrf: csrf, displayName: 'x'.repeat(200_000), email: 'big@example.lv', password: 'long enough', preferredLocale: 'ru' })
      .expect(413);
    expect(response.text).toContain('<html lang="ru">');
    expect(response.text).toContain('Отправленные данные больше');
    expect(await testApp.db('users').where({ email: 'big@example.lv' }).first()).toBeUndefined();
  });

  it('renders 404 in the visitor’s language without internals', async () => {
    const response = await request(testApp.app).get('/no/such/page').set('Accept-Language', 'ru-RU,ru;q=0.9').expect(404);
    expect(response.text).toContain('<html lang="ru">');
    expect(response.text).toContain('Страница не найдена');
    expect(response.text).not.toMatch(/at .*\.ts:\d+|Error:/);
  });

  it('answers JSON errors under /api/', async () => {
    const response = await request(testApp.app).get('/api/nothing-here').expect(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('') } });
  });

  it('adds a request id to every response, reusing a sane incoming one', async () => {
    const fresh = await request(testApp.app).get('/').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const reused = await request(testApp.app).get('/').set('X-Request-Id', 'abc-123').expect(200);
    expect(reused.headers['x-request-id']).toBe('abc-123');
    const refused = await request(testApp.app).get('/').set('X-Request-Id', '<script>').expect(200);
    expect(refused.headers['x-request-id']).not.toBe('<script>');
  });
});
