import request from 'supertest';
import { csrfTokenIn, visitorWithForm } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';
import { sessionCookieName } from '../../server/auth/session';

const { testApp } = useScene({ app: { rateLimits: { loginPerIp: 8, registerPerIp: 50 } } });

function sessionIdFrom(setCookie: string[] | string | undefined): string | undefined {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return cookies.find((cookie) => cookie.startsWith(`${sessionCookieName}=`))?.split(';')[0];
}

describe('login and logout', () => {
  it('logs in with a new session id, stores the session in the database and logs out', async () => {
    const user = await buildUser(testApp.db, { displayName: 'Ilze', preferredLocale: 'en' });
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
    const loginPage = await agent.get('/login');
    const sessionBefore = sessionIdFrom(loginPage.headers['set-cookie']);
    const response = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email.toUpperCase(), password: user.password }).expect(303);
    const sessionAfter = sessionIdFrom(response.headers['set-cookie']);
    expect(sessionAfter).toBeDefined();
    expect(sessionAfter).not.toBe(sessionBefore);
    const sessions = await testApp.db('sessions').select('sess');
    expect(sessions.some((row) => JSON.stringify(row.sess).includes(`"user":${user.id}`))).toBe(true);

    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Signed in as Ilze');
    expect(home.headers['content-language']).toBe('en');
    await agent.post('/logout').type('form').send({ _csrf: csrfTokenIn(home.text) }).expect(303);
    const after = await agent.get('/').expect(200);
    expect(after.text).not.toContain('Signed in as');
  });

  it('returns to a local page after login but never to another site', async () => {
    const user = await buildUser(testApp.db);
    for (const [next, expected] of [['/register?x=1', '/register?x=1'], ['//evil.example/', '/'], ['https://evil.example/', '/']]) {
      const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
      const response = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: user.password, next });
      expect(response.headers.location).toBe(expected);
    }
  });

  it('gives the same generic message for a wrong password and an unknown email', async () => {
    const user = await buildUser(testApp.db);
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login?lang=lv');
    const wrongPassword = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: 'not the password' }).expect(401);
    const unknownEmail = await agent.post('/login').type('form').send({ _csrf: csrf, email: 'nobody@example.lv', password: 'whatever123' }).expect(401);
    expect(wrongPassword.text).toContain('E-pasts vai parole nav pareiza.');
    const messageOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];
    expect(messageOf(wrongPassword.text)).toBe(messageOf(unknownEmail.text));
  });

  it('counts failed logins per address across accounts', async () => {
    const agentIp = request.agent(testApp.app);
    const page = await agentIp.get('/login');
    const csrf = csrfTokenIn(page.text);
    let lastStatus = 0;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await agentIp.post('/login').type('form').send({ _csrf: csrf, email: `someone${attempt}@example.lv`, password: 'wrong password' });
      lastStatus = response.status;
    }
    expect(lastStatus).toBe(429);
  });

  it('refuses a login without a CSRF token and creates no session for the user', async () => {
    const user = await buildUser(testApp.db);
    const response = await request(testApp.app).post('/login').set('Accept-Language', 'en').type('form').send({ email: user.email, password: user.password }).expect(403);
    expect(response.text).toContain('The form has expired');
    const sessions = await testApp.db('sessions').select('sess');
    expect(sessions.some((row) => JSON.stringify(row.sess).includes(`"user":${user.id}`))).toBe(false);
  });
});
