import request from 'supertest';
import { csrfTokenIn, loggedInAgent, visitorWithForm } from '../helpers/forms';
import { deliverAccountEmails, latestLinkTo, outboxMails } from '../helpers/outbox';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';
import { verifyPassword } from '../../server/passwords/password';

const { testApp } = useScene();

async function askForReset(email: string) {
  const { agent, csrf } = await visitorWithForm(testApp.app, '/password/forgot?lang=en');
  return agent.post('/password/forgot').type('form').send({ _csrf: csrf, email });
}

const resetJobs = () => testApp.db('jobs').where({ kind: 'password_reset_email' });
const hashOf = async (id: number) => (await testApp.db('users').where({ id }).first()).password_hash as string;
const sessionsOf = async (id: number) => (await testApp.db('sessions').whereRaw(`(sess::jsonb -> 'passport' ->> 'user') = ?`, [String(id)])).length;

async function resetLinkFor(email: string): Promise<string> {
  await askForReset(email);
  await deliverAccountEmails(testApp);
  return latestLinkTo(testApp, email, '/password/reset').link;
}

async function submitReset(link: string, password: string, agent = request.agent(testApp.app)) {
  const page = await agent.get(`${link}&lang=en`).expect(200);
  return agent.post('/password/reset').type('form').send({ _csrf: csrfTokenIn(page.text), token: new URL(link, 'http://x').searchParams.get('token'), password });
}

describe('forgotten password', () => {
  it('answers the same for a known and an unknown email, and sends no email during the request', async () => {
    const user = await buildUser(testApp.db, { preferredLocale: 'lv' });
    const mailsBefore = outboxMails(testApp).length;
    const jobsBefore = (await resetJobs()).length;
    const known = await askForReset(user.email.toUpperCase());
    const unknown = await askForReset('nobody.here@example.lv');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const message = (html: string) => /role="status"[^>]*>([^<]*)</.exec(html)?.[1];
    expect(message(known.text)).toContain('If an account exists for this address');
    expect(message(known.text)).toBe(message(unknown.text));
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    // Same timing class: neither request sends mail; the known one only adds a job row.
    expect(outboxMails(testApp).length).toBe(mailsBefore);
    expect((await resetJobs()).length).toBe(jobsBefore + 1);
    // The rate-limit table keys the address by hash, never the address itself.
    expect(JSON.stringify(await testApp.db('rate_limits').select('key'))).not.toContain('nobody.here');

    await deliverAccountEmails(testApp);
    const { text } = latestLinkTo(testApp, user.email, '/password/reset');
    expect(text).toContain('Izvēlieties jaunu Kopā paroli');
    expect(outboxMails(testApp).some((mail) => mail.to.includes('nobody.here'))).toBe(false);
  });

  it('refuses a malformed email with the form again', async () => {
    const response = await askForReset('not an email');
    expect(response.status).toBe(422);
    expect(response.text).toContain('Please enter a valid email address');
  });

  it('sets a new password once with the link, ends every session of the account, and verifies the address', async () => {
    const user = await buildUser(testApp.db, { verified: false, preferredLocale: 'en' });
    const elsewhere = await loggedInAgent(testApp.app, user);
    const other = await loggedInAgent(testApp.app, user);
    expect(await sessionsOf(user.id)).toBe(2);
    const link = await resetLinkFor(user.email);

    const done = await submitReset(link, 'a brand new river password');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/login');
    expect(await verifyPassword(await hashOf(user.id), 'a brand new river password')).toBe(true);
    expect(await sessionsOf(user.id)).toBe(0);
    for (const { agent } of [elsewhere, other]) {
      expect((await agent.get('/?lang=en').expect(200)).text).not.toContain('Signed in as');
    }
    expect((await testApp.db('users').where({ id: user.id }).first()).email_verified_at).not.toBeNull();

    const reused = await request(testApp.app).get(`${link}&lang=en`).expect(410);
    expect(reused.text).toContain('This link has already been used.');
    await loggedInAgent(testApp.app, { email: user.email, password: 'a brand new river password' });
  });

  it.each([
    ['a password from the common list', 'iloveyou', 'among the most common ones'],
    ['a 129-character password', 'ā'.repeat(129), 'at most 128 characters'],
    ['a 7-character password', 'ābcdefg', 'at least 8 characters'],
  ])('refuses %s with the form again and changes nothing', async (_case, password, message) => {
    const user = await buildUser(testApp.db);
    const before = await hashOf(user.id);
    const link = await resetLinkFor(user.email);
    const response = await submitReset(link, password);
    expect(response.status).toBe(422);
    expect(response.text).toContain(message);
    expect(response.text).toContain('<a href="#password">');
    expect(await hashOf(user.id)).toBe(before);
    // The link still works after a refused password.
    expect((await submitReset(link, 'the daugava in winter')).status).toBe(303);
  });

  it('refuses an expired link and a tampered one', async () => {
    const user = await buildUser(testApp.db);
    const before = await hashOf(user.id);
    const link = await resetLinkFor(user.email);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const [id, random, signature] = token.split('.');
    const tampered = `/password/reset?token=${id}.${random}.${signature.slice(0, -2)}AA`;
    expect((await request(testApp.app).get(`${tampered}&lang=en`).expect(400)).text).toContain('This link is not valid.');
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
    await agent.post('/password/reset').type('form').send({ _csrf: csrf, token: `${id}.${random}.${signature.slice(0, -2)}AA`, password: 'the daugava in winter' }).expect(400);

    await testApp.db('account_tokens').where({ id: Number(id) }).update({ expires_at: new Date(Date.now() - 1) });
    expect((await request(testApp.app).get(`${link}&lang=en`).expect(410)).text).toContain('This link has expired');
    const page = await agent.get('/login');
    await agent.post('/password/reset').type('form').send({ _csrf: csrfTokenIn(page.text), token, password: 'the daugava in winter' }).expect(410);
    expect(await hashOf(user.id)).toBe(before);
  });

  it('a reset link is valid for one hour', async () => {
    const user = await buildUser(testApp.db);
    const link = await resetLinkFor(user.email);
    const id = Number(new URL(link, 'http://x').searchParams.get('token')!.split('.')[0]);
    const row = await testApp.db('account_tokens').where({ id }).first();
    const lifetime = new Date(row.expires_at).getTime() - new Date(row.created_at).getTime();
    expect(Math.abs(lifetime - 3_600_000)).toBeLessThan(5_000);
  });
});

describe('changing the password', () => {
  it('needs the current password and ends every other session', async () => {
    const user = await buildUser(testApp.db, { preferredLocale: 'en' });
    const other = await loggedInAgent(testApp.app, user);
    const { agent, csrf } = await loggedInAgent(testApp.app, user, '/account/password');
    const before = await hashOf(user.id);

    const wrong = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: 'not it at all', newPassword: 'the daugava in winter' }).expect(422);
    expect(wrong.text).toContain('The current password is not correct.');
    const common = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: user.password, newPassword: 'password123' }).expect(422);
    expect(common.text).toContain('among the most common ones');
    expect(await hashOf(user.id)).toBe(before);

    await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: user.password, newPassword: 'the daugava in winter' }).expect(303);
    expect(await verifyPassword(await hashOf(user.id), 'the daugava in winter')).toBe(true);
    expect((await agent.get('/?lang=en').expect(200)).text).toContain('Signed in as');
    expect((await other.agent.get('/?lang=en').expect(200)).text).not.toContain('Signed in as');
    expect(await sessionsOf(user.id)).toBe(1);
  });
});
