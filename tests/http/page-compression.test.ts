import request from 'supertest';
import { useScene } from '../factories/scene';
import { loggedInAgent } from '../helpers/forms';

const { testApp, resident } = useScene({ users: { resident: { role: 'resident' } } });

describe('pages built for one person are compressed too', () => {
  it('sends a logged-in page compressed to a browser that accepts it, and plain to one that does not', async () => {
    const { agent } = await loggedInAgent(testApp.app, resident);
    const compressed = await agent.get('/ideas').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(compressed.headers['content-encoding']).toMatch(/^(br|gzip)$/);
    expect(compressed.headers.vary).toMatch(/Accept-Encoding/);
    expect(compressed.text).toContain('</html>');
    const plain = await agent.get('/ideas').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toContain('</html>');
  });

  it('compresses the first answer that sets the language cookie, which the cache does not keep', async () => {
    const first = await request(testApp.app).get('/?lang=ru').set('Accept-Encoding', 'gzip').expect(200);
    expect(first.headers['set-cookie']?.[0]).toMatch(/^lang=ru/);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.text).toContain('lang="ru"');
  });
});
