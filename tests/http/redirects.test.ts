import request from 'supertest';
import { visitorWithForm } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';

const { testApp, resident, staffWithoutFactor } = useScene({
  users: { resident: {}, staffWithoutFactor: { role: 'moderator', totp: false } },
  app: { rateLimits: { loginPerIp: 1000, registerPerIp: 1000 } },
});

const site = 'https://kopa.example.lv';
const hostileNext = [
  '/\t/evil.example',
  '/%09/evil.example',
  '/\n/evil.example',
  '//evil.example',
  '/.//evil.example',
  '/\\evil.example',
  '/%5Cevil.example',
  '%2F%2Fevil.example',
  '/%2F/evil.example',
  'https:evil.example',
  'javascript:alert(1)',
  ' //evil.example',
  '/\uff0f/evil.example',
];

/** Whether a link or Location stays here for a browser, also when something decodes it once more. */
function staysOnSite(target: string): boolean {
  const stripped = target.replace(/[\t\n\r]/g, '');
  return [stripped, decodeURIComponent(stripped).replace(/[\t\n\r]/g, '')].every(
    (form) => !form.includes('\\') && new URL(form, site).origin === site && new URL(form.normalize('NFKC'), site).origin === site,
  );
}

const unescaped = (html: string) => html.replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('next after login', () => {
  it.each(hostileNext.map((next) => [next]))('the login page keeps no off-site next for %j', async (next) => {
    const page = await request(testApp.app).get(`/login?next=${encodeURIComponent(next)}`).expect(200);
    const field = /name="next" value="([^"]*)"/.exec(page.text);
    if (field) expect(staysOnSite(unescaped(field[1]))).toBe(true);
  });

  it.each(hostileNext.map((next) => [next]))('logging in with next %j stays on the site', async (next) => {
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
    const response = await agent.post('/login').type('form').send({ _csrf: csrf, email: resident.email, password: resident.password, next }).expect(303);
    expect(staysOnSite(response.headers.location)).toBe(true);
  });

  it.each(hostileNext.map((next) => [next]))('staff sent to set up the second factor with next %j come back only to this site', async (next) => {
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
    const response = await agent.post('/login').type('form').send({ _csrf: csrf, email: staffWithoutFactor.email, password: staffWithoutFactor.password, next }).expect(303);
    const location = new URL(response.headers.location, site);
    expect(location.pathname).toBe('/account/two-factor/setup');
    const setupPage = await agent.get(`${location.pathname}${location.search}`).expect(200);
    const field = /name="next" value="([^"]*)"/.exec(setupPage.text);
    expect(staysOnSite(unescaped(field?.[1] ?? '/'))).toBe(true);
  });

  it('still comes back to a local page with its query and fragment', async () => {
    const user = await buildUser(testApp.db);
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login?next=%2Fideas%3Fq%3Da%2520b%23map');
    const response = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: user.password, next: '/ideas?q=a%20b#map' }).expect(303);
    expect(response.headers.location).toBe('/ideas?q=a%20b#map');
  });

  it('sends a logged-out visitor to the login page and back to the page asked for', async () => {
    const response = await request(testApp.app).get('/account?tab=1').expect(303);
    expect(response.headers.location).toBe('/login?next=%2Faccount%3Ftab%3D1');
  });
});
