import request from 'supertest';
import { csrfTokenIn, loggedInAgent, visitorWithForm } from '../helpers/forms';
import { deliverAccountEmails, latestLinkTo } from '../helpers/outbox';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea, categoryId } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp } = useScene();

async function register(email: string, preferredLocale = 'ru') {
  const { agent, csrf } = await visitorWithForm(testApp.app, '/register');
  await agent.post('/register').type('form').send({ _csrf: csrf, displayName: 'Oļegs', email, password: 'daugava river 2027', preferredLocale }).expect(303);
  return agent;
}

const userByEmail = (email: string) => testApp.db('users').where({ email }).first();

async function confirm(link: string) {
  const agent = request.agent(testApp.app);
  const page = await agent.get(link).expect(200);
  return agent.post('/verify-email').type('form').send({ _csrf: csrfTokenIn(page.text), token: new URL(link, 'http://x').searchParams.get('token') });
}

describe('email verification', () => {
  it('sends a new account a link in its language; the link verifies once', async () => {
    const email = 'oleg.verify@example.lv';
    const agent = await register(email);
    expect((await userByEmail(email)).email_verified_at).toBeNull();
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('подтвердите адрес электронной почты');

    expect(await deliverAccountEmails(testApp)).toBeGreaterThanOrEqual(1);
    const { text, link } = latestLinkTo(testApp, email, '/verify-email');
    expect(text).toContain('Подтвердите адрес электронной почты для Kopā');
    expect(text).toContain('Здравствуйте, Oļegs!');
    // The token is made when the email leaves: nothing of it in the jobs table.
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const jobs = await testApp.db('jobs').select('payload');
    expect(JSON.stringify(jobs)).not.toContain(token.split('.')[1]);
    expect(JSON.stringify(await testApp.db('account_tokens').select('token_hash'))).not.toContain(token.split('.')[1]);

    // Opening the link does not use it up (mail scanners follow links); the button does.
    await request(testApp.app).get(link).expect(200);
    const confirmed = await confirm(link);
    expect(confirmed.status).toBe(200);
    expect((await userByEmail(email)).email_verified_at).not.toBeNull();

    const reused = await request(testApp.app).get(`${link}&lang=en`).expect(410);
    expect(reused.text).toContain('This link has already been used.');
  });

  it('refuses an expired link and a tampered one with clear pages', async () => {
    const user = await buildUser(testApp.db, { verified: false, preferredLocale: 'en' });
    await testApp.db('jobs').insert({ kind: 'verification_email', payload: JSON.stringify({ userId: user.id }) });
    await deliverAccountEmails(testApp);
    const { link } = latestLinkTo(testApp, user.email, '/verify-email');

    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const [id, random, signature] = token.split('.');
    const flipped = random.slice(0, -1) + (random.endsWith('A') ? 'B' : 'A');
    const tampered = await request(testApp.app).get(`/verify-email?lang=en&token=${id}.${flipped}.${signature}`).expect(400);
    expect(tampered.text).toContain('This link is not valid.');
    await request(testApp.app).get(`/verify-email?lang=en&token=${Number(id) + 1}.${random}.${signature}`).expect(400);
    await request(testApp.app).get('/verify-email?lang=en&token=<script>').expect(400);
    // A forged POST without the GET changes nothing either.
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
    await agent.post('/verify-email').type('form').send({ _csrf: csrf, token: `${id}.${flipped}.${signature}` }).expect(400);

    await testApp.db('account_tokens').where({ id: Number(id) }).update({ expires_at: new Date(Date.now() - 1000) });
    const expired = await request(testApp.app).get(`${link}&lang=en`).expect(410);
    expect(expired.text).toContain('This link has expired');
    expect((await testApp.db('users').where({ id: user.id }).first()).email_verified_at).toBeNull();
  });

  it('keeps an unverified resident from commenting, supporting and reporting, storing nothing', async () => {
    const author = await buildUser(testApp.db);
    const unverified = await buildUser(testApp.db, { verified: false, preferredLocale: 'en' });
    const consultationId = await buildConsultation(testApp.db);
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, unverified, `/ideas/${ideaId}`);

    const comment = await agent.post(`/ideas/${ideaId}/comments`).type('form').send({ _csrf: csrf, body: 'Hello' }).expect(403);
    expect(comment.text).toContain('Please confirm your email address first');
    const support = await agent.post(`/ideas/${ideaId}/support`).set('Accept', 'application/json').type('form').send({ _csrf: csrf }).expect(403);
    expect(support.body.error.code).toBe('email_not_verified');
    await agent.post(`/ideas/${ideaId}/support`).type('form').send({ _csrf: csrf }).expect(403);
    await agent.get(`/ideas/${ideaId}/report`).expect(403);
    await agent.post(`/ideas/${ideaId}/report`).type('form').send({ _csrf: csrf, reason: 'spam' }).expect(403);

    expect(await testApp.db('comments').where({ author_id: unverified.id })).toHaveLength(0);
    expect(await testApp.db('supports').where({ user_id: unverified.id })).toHaveLength(0);
    expect(await testApp.db('reports').where({ reporter_id: unverified.id })).toHaveLength(0);
    expect((await testApp.db('ideas').where({ id: ideaId }).first()).support_count).toBe(0);
  });

  it('stores an unverified resident’s idea as a draft only they see, and publishes it on verifying', async () => {
    const resident = await buildUser(testApp.db, { verified: false, preferredLocale: 'en' });
    const post = await buildConsultation(testApp.db, { moderationMode: 'post' });
    const pre = await buildConsultation(testApp.db, { moderationMode: 'pre' });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const form = (consultationId: number, title: string) => ({
      _csrf: csrf,
      consultationId,
      title,
      description: 'Benches by the river.',
      originalLocale: 'en',
      nebValues: 'together',
      latitude: '55.87',
      longitude: '26.53',
    });
    const ids: number[] = [];
    for (const [consultationId, title] of [[post, 'Draft for post moderation'], [pre, 'Draft for pre moderation']] as const) {
      const created = await agent.post('/ideas').type('form').send({ ...form(consultationId, title), categoryId: await categoryId(testApp.db) }).expect(303);
      ids.push(Number(created.headers.location.split('/').pop()));
    }
    const page = await agent.get(`/ideas/${ids[0]}`).expect(200);
    expect(page.text).toContain('saved as a draft');
    expect(page.text).toContain('This idea is a draft: only you can see it.');
    expect((await testApp.db('ideas').whereIn('id', ids)).map((idea) => idea.visibility)).toEqual(['draft', 'draft']);
    await request(testApp.app).get(`/ideas/${ids[0]}`).expect(404);
    const staff = await buildUser(testApp.db, { role: 'moderator' });
    const { agent: staffAgent } = await loggedInAgent(testApp.app, staff);
    await staffAgent.get(`/ideas/${ids[0]}`).expect(404);
    const list = await request(testApp.app).get('/ideas?lang=en').expect(200);
    expect(list.text).not.toContain('Draft for post moderation');
    const account = await agent.get('/account?lang=en').expect(200);
    expect(account.text).toContain('Draft for pre moderation');

    await testApp.db('jobs').insert({ kind: 'verification_email', payload: JSON.stringify({ userId: resident.id }) });
    await deliverAccountEmails(testApp);
    const confirmed = await confirm(`${latestLinkTo(testApp, resident.email, '/verify-email').link}&lang=en`);
    expect(confirmed.text).toContain('2 draft ideas have been published');
    const visibilities = await testApp.db('ideas').whereIn('id', ids).orderBy('id').pluck('visibility');
    expect(visibilities).toEqual(['published', 'pending']);
  });

  it('limits how often the email can be sent again', async () => {
    const resident = await buildUser(testApp.db, { verified: false, preferredLocale: 'en' });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/account');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await agent.post('/verify-email/resend').type('form').send({ _csrf: csrf }).expect(303);
    }
    const limited = await agent.post('/verify-email/resend').type('form').send({ _csrf: csrf }).expect(429);
    expect(limited.text).toContain('Too many attempts');
    // One pending email at a time, however often the button is pressed.
    expect(await testApp.db('jobs').where({ kind: 'verification_email' }).whereNull('done_at').whereRaw(`payload->>'userId' = ?`, [String(resident.id)])).toHaveLength(1);
  });
});
