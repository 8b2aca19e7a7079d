import request from 'supertest';
import { useScene } from '../factories/scene';
import { loggedInAgent } from '../helpers/forms';

const { testApp, resident } = useScene({ users: { resident: { role: 'resident' } } });

describe('pages built for one visitor', () => {
  it('leaves a logged-in page uncompressed: it carries the session\'s CSRF token (BREACH)', async () => {
    const { agent } = await loggedInAgent(testApp.app, resident);
    const page = await agent.get('/ideas/new').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(page.text).toContain('name="_csrf"');
    expect(page.headers['content-encoding']).toBeUndefined();
  });

  it('leaves the login form uncompressed: it starts a session with a token', async () => {
    const login = await request(testApp.app).get('/login').set('Accept-Encoding', 'gzip').expect(200);
    expect(login.text).toContain('name="_csrf"');
    expect(login.headers['content-encoding']).toBeUndefined();
  });

  it('compresses the first answer that sets the language cookie, which the cache does not keep', async () => {
    const first = await request(testApp.app).get('/?lang=ru').set('Accept-Encoding', 'gzip').expect(200);
    expect(first.headers['set-cookie']?.[0]).toMatch(/^lang=ru/);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.text).toContain('lang="ru"');
  });
});
