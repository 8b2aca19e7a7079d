import request from 'supertest';
import type { Response } from 'supertest';
import { setCookiesOf } from '../helpers/forms';
import { deliverAccountEmails, latestLinkTo } from '../helpers/outbox';
import { buildUser } from '../factories/users';
import { buildWorkshop } from '../factories/workshops';
import { useScene } from '../factories/scene';
import { unsubscribeToken } from '../../server/notifications/unsubscribe-token';
import { urlForLog } from '../../server/logger';

const logLines: string[] = [];
const { testApp, consultation, facilitator } = useScene({
  users: { facilitator: { role: 'facilitator' } },
  consultation: {},
  app: { env: { LOG_LEVEL: 'info' }, logDestination: { write: (line) => void logLines.push(line) } },
});

/** Everything a response hands out that would open a session, an account or a form: cookie values, CSRF and link tokens. */
const secrets = new Set<string>();
function keepSecretsOf(response: Response): Response {
  for (const cookie of setCookiesOf(response)) {
    const value = /^[^=]+=([^;]*)/.exec(cookie)?.[1] ?? '';
    if (value.length >= 16) secrets.add(value).add(decodeURIComponent(value));
  }
  for (const match of response.text?.matchAll(/name="(?:_csrf|token)" value="([^"]+)"/g) ?? []) secrets.add(match[1]);
  return response;
}
const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('token') ?? '';
const csrfOf = (response: Response) => /name="_csrf" value="([^"]+)"/.exec(response.text)?.[1] ?? '';

describe('the request log', () => {
  it('holds no cookie, CSRF token or link token after login, reset, verification, unsubscribing and joining a workshop', async () => {
    // Registering logs in and sends the verification link.
    const newcomer = request.agent(testApp.app);
    const registerPage = keepSecretsOf(await newcomer.get('/register?lang=en').expect(200));
    const email = 'log.reader@example.lv';
    keepSecretsOf(
      await newcomer.post('/register').type('form').send({ _csrf: csrfOf(registerPage), displayName: 'Log', email, password: 'a long enough password', preferredLocale: 'en' }).expect(303),
    );
    await deliverAccountEmails(testApp);
    const verifyLink = latestLinkTo(testApp, email, '/verify-email').link;
    secrets.add(tokenOf(verifyLink));
    const verifyPage = keepSecretsOf(await newcomer.get(verifyLink).expect(200));
    keepSecretsOf(await newcomer.post('/verify-email').type('form').send({ _csrf: csrfOf(verifyPage), token: tokenOf(verifyLink) }).expect(200));

    // Logging in, and a CSRF token in a query string (as multipart forms may send it).
    const resident = await buildUser(testApp.db);
    const visitor = request.agent(testApp.app);
    const loginPage = keepSecretsOf(await visitor.get('/login').expect(200));
    keepSecretsOf(await visitor.post('/login').type('form').send({ _csrf: csrfOf(loginPage), email: resident.email, password: resident.password }).expect(303));
    const home = keepSecretsOf(await visitor.get('/').expect(200));
    // Whatever the route answers to it, the request line is written.
    keepSecretsOf(await visitor.get(`/account?_csrf=${encodeURIComponent(csrfOf(home))}&lang=en`));

    // A password reset by its emailed link.
    const forgotten = request.agent(testApp.app);
    const forgotPage = keepSecretsOf(await forgotten.get('/password/forgot').expect(200));
    keepSecretsOf(await forgotten.post('/password/forgot').type('form').send({ _csrf: csrfOf(forgotPage), email: resident.email }).expect(200));
    await deliverAccountEmails(testApp);
    const resetLink = latestLinkTo(testApp, resident.email, '/password/reset').link;
    secrets.add(tokenOf(resetLink));
    const resetPage = keepSecretsOf(await forgotten.get(resetLink).expect(200));
    keepSecretsOf(await forgotten.post('/password/reset').type('form').send({ _csrf: csrfOf(resetPage), token: tokenOf(resetLink), password: 'another long password' }).expect(303));

    // Unsubscribing by the signed link the notification emails carry.
    const unsubscribe = unsubscribeToken(testApp.config.sessionSecret, resident.id, 'comments');
    secrets.add(unsubscribe);
    const reader = request.agent(testApp.app);
    const unsubscribePage = keepSecretsOf(await reader.get(`/unsubscribe?token=${unsubscribe}`).expect(200));
    keepSecretsOf(await reader.post('/unsubscribe').type('form').send({ _csrf: csrfOf(unsubscribePage), token: unsubscribe }).expect(200));

    // Joining a workshop by its code, typed and as a link.
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    secrets.add(workshop.joinCode);
    const participant = request.agent(testApp.app);
    keepSecretsOf(await participant.get(`/w?code=${workshop.joinCode}`).expect(303));
    keepSecretsOf(await participant.get(`/w/${workshop.joinCode}`).expect(200));
    keepSecretsOf(await participant.post(`/w/${workshop.joinCode}/join`).type('form').send({ nickname: 'Anna', ageGroup: '13_15' }).expect(303));
    keepSecretsOf(await participant.get(`/w/${workshop.joinCode}`).expect(200));

    const log = logLines.join('');
    expect(secrets.size).toBeGreaterThanOrEqual(12);
    expect([...secrets].filter((secret) => log.includes(secret) || log.includes(encodeURIComponent(secret)))).toEqual([]);
    expect(log).toContain('"url":"/verify-email?token=[redacted]"');
    expect(log).toContain('"url":"/password/reset?token=[redacted]"');
    expect(log).toContain('"url":"/unsubscribe?token=[redacted]"');
    expect(log).toContain('"url":"/account?_csrf=[redacted]&lang=en"');
    expect(log).toContain('"url":"/w?code=[redacted]"');
    expect(log).toContain('"url":"/w/[redacted]/join"');
  });
});

describe('urlForLog', () => {
  it.each([
    ['/ideas/12?lang=en', '/ideas/12?lang=en'],
    ['/verify-email?lang=en&token=1.abc.def', '/verify-email?lang=en&token=[redacted]'],
    ['/ideas/new?_csrf=abc&x=1#top', '/ideas/new?_csrf=[redacted]&x=1#top'],
    ['/w/ABCDEF/ideas/3/dots?_csrf=abc', '/w/[redacted]/ideas/3/dots?_csrf=[redacted]'],
    ['/workshops/3', '/workshops/3'],
    ['/ideas?TOKEN=x&code=y&codex=z', '/ideas?TOKEN=[redacted]&code=[redacted]&codex=z'],
  ])('writes %j as %j', (url, logged) => {
    expect(urlForLog(url)).toBe(logged);
  });
});
