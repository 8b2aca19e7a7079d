import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { csrfTokenIn, loggedInAgent, visitorWithForm } from '../helpers/forms';
import { databaseDumpText } from '../helpers/database-dump';
import { deliverAccountEmails, outboxMails } from '../helpers/outbox';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { recordAudit } from '../../server/audit/audit';
import { sessionCookieName } from '../../server/auth/session';
import { recordRevision } from '../../server/ideas/idea-revisions.queries';

const { testApp, consultation } = useScene({ consultation: {} });
let others: BuiltUser[];
beforeAll(async () => {
  others = [await buildUser(testApp.db), await buildUser(testApp.db)];
});

const supportCount = async (ideaId: number) => (await testApp.db('ideas').where({ id: ideaId }).first()).support_count as number;
const supportRows = async (ideaId: number) => Number((await testApp.db('supports').where({ idea_id: ideaId }).count({ n: '*' }))[0].n);

/** A person with one of everything Kopā can hold about someone. */
async function personWithEverything(name: string, email: string) {
  const { db } = testApp;
  const person = await buildUser(db, { displayName: name, email, preferredLocale: 'en', totp: true });
  const engaged = await buildIdea(db, { consultationId: consultation.id, authorId: person.id, title: 'An idea others took part in' });
  const untouched = await buildIdea(db, { consultationId: consultation.id, authorId: person.id, title: 'An idea nobody else touched' });
  const draft = await buildIdea(db, { consultationId: consultation.id, authorId: person.id, visibility: 'draft' });
  const othersIdea = await buildIdea(db, { consultationId: consultation.id, authorId: (await buildUser(db)).id });
  // The idea of others gets three supports, one of them the person's.
  for (const supporter of [person, ...others]) {
    const { agent, csrf } = await loggedInAgent(testApp.app, supporter.id === person.id ? person : supporter, `/ideas/${othersIdea}`);
    await agent.post(`/ideas/${othersIdea}/support`).type('form').send({ _csrf: csrf }).expect(303);
  }
  const { agent: otherAgent, csrf: otherCsrf } = await loggedInAgent(testApp.app, others[1], `/ideas/${engaged}`);
  await otherAgent.post(`/ideas/${engaged}/support`).type('form').send({ _csrf: otherCsrf }).expect(303);
  await otherAgent.post(`/ideas/${engaged}/comments`).type('form').send({ _csrf: otherCsrf, body: 'A neighbour likes it' }).expect(303);

  const session = await loggedInAgent(testApp.app, person, `/ideas/${othersIdea}`);
  await session.agent.post(`/ideas/${othersIdea}/comments`).type('form').send({ _csrf: session.csrf, body: 'My comment on a neighbour’s idea' }).expect(303);
  await session.agent.post(`/ideas/${engaged}/comments`).type('form').send({ _csrf: session.csrf, body: 'My comment on my own idea' }).expect(303);
  await session.agent.post(`/ideas/${othersIdea}/report`).type('form').send({ _csrf: session.csrf, reason: 'other', details: `Reported by ${name}` }).expect(303);
  await session.agent.post(`/ideas/${othersIdea}/follow`).type('form').send({ _csrf: session.csrf }).expect(303);
  // A failed login leaves the email in the rate-limit table; a reset request leaves a token and an email.
  const { agent: visitor, csrf } = await visitorWithForm(testApp.app, '/login');
  await visitor.post('/login').type('form').send({ _csrf: csrf, email, password: 'wrong password' }).expect(401);
  const forgot = await visitorWithForm(testApp.app, '/password/forgot');
  await forgot.agent.post('/password/forgot').type('form').send({ _csrf: forgot.csrf, email }).expect(200);
  await deliverAccountEmails(testApp);
  // An earlier version of their published idea, signed with their name.
  await recordRevision(db, { ideaId: engaged, editorId: person.id, before: { description: `Signed: ${name}` }, after: { description: 'Unsigned' } });
  // Copies of the person's data in logs: a staff action and a failed job.
  const staff = await buildUser(db, { role: 'admin' });
  await recordAudit(db, { actorId: staff.id, action: 'test.note', targetType: 'user', targetId: person.id, reason: `asked by ${email}`, after: { name, nested: { email } } });
  await db('jobs').insert({ kind: 'comment_digest', payload: JSON.stringify({ ideaId: othersIdea }), last_error: `550 mailbox ${email} unavailable`, done_at: new Date() });
  expect(outboxMails(testApp).some((mail) => mail.to.includes(email))).toBe(true);
  return { person, session, engaged, untouched, draft, othersIdea };
}

async function deleteOwnAccount(agent: ReturnType<typeof request.agent>, password: string, removeContent: boolean) {
  const page = await agent.get('/account/delete?lang=en').expect(200);
  return agent.post('/account/delete').type('form').send({ _csrf: csrfTokenIn(page.text), password, ...(removeContent ? { removeContent: 'on' } : {}) });
}

function expectNowhere(dump: string, texts: string[]) {
  for (const text of texts) {
    expect(dump.toLowerCase()).not.toContain(text.toLowerCase());
    expect(dump.toLowerCase()).not.toContain(JSON.stringify(text).slice(1, -1).toLowerCase());
  }
}

describe('deleting my account', () => {
  it('refuses a wrong password and changes nothing', async () => {
    const person = await buildUser(testApp.db, { preferredLocale: 'en' });
    const { agent } = await loggedInAgent(testApp.app, person);
    const before = await testApp.db('users').where({ id: person.id }).first();
    const response = await deleteOwnAccount(agent, 'not my password', false);
    expect(response.status).toBe(422);
    expect(response.text).toContain('The password is not correct. Nothing was deleted.');
    expect(await testApp.db('users').where({ id: person.id }).first()).toEqual(before);
    expect((await agent.get('/account').expect(200)).text).toContain('/logout');
  });

  it('erases email and display name from every table, page and file; content stays as by a former participant', async () => {
    const name = 'Zaiga Dzēšamā-Kalniņa';
    const email = 'zaiga.erase.me@example.lv';
    const { person, session, engaged, untouched, draft, othersIdea } = await personWithEverything(name, email);
    const otherSession = await loggedInAgent(testApp.app, person);
    const cookie = otherSession.agent.jar.getCookie(sessionCookieName, { domain: '127.0.0.1', path: '/', secure: false, script: false });
    expect(await supportCount(othersIdea)).toBe(3);
    expect((await databaseDumpText(testApp.db)).toLowerCase()).toContain(email);

    const done = await deleteOwnAccount(session.agent, person.password, false);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your account has been deleted');
    expect(done.text).not.toContain(name);

    const dump = await databaseDumpText(testApp.db);
    expectNowhere(dump, [email, name, 'zaiga.erase.me']);
    expect(await testApp.db('idea_revisions').where({ editor_id: person.id }).count({ rows: '*' })).toEqual([{ rows: 0 }]);
    expect(outboxMails(testApp).some((mail) => mail.text.includes(email))).toBe(false);
    expect(fs.readdirSync(testApp.config.outboxDir).every((file) => !fs.readFileSync(path.join(testApp.config.outboxDir, file), 'utf8').includes(email))).toBe(true);

    // Supports withdrawn, counts exact.
    expect(await supportCount(othersIdea)).toBe(2);
    expect(await supportRows(othersIdea)).toBe(2);
    // Sessions ended: both old cookies are logged out.
    for (const agent of [session.agent, otherSession.agent]) {
      expect((await agent.get('/?lang=en').expect(200)).text).not.toContain('Signed in as');
      expect((await agent.get('/account').expect(303)).headers.location).toMatch(/^\/login/);
    }
    const replayed = await request(testApp.app).get('/?lang=en').set('Cookie', `${sessionCookieName}=${cookie?.value}`).expect(200);
    expect(replayed.text).not.toContain('Signed in as');
    // Content stays, by "a former participant"; the draft is gone; the profile is gone.
    for (const ideaId of [engaged, untouched]) {
      const page = await request(testApp.app).get(`/ideas/${ideaId}?lang=en`).expect(200);
      expect(page.text).toContain('a former participant');
    }
    const othersPage = await request(testApp.app).get(`/ideas/${othersIdea}?lang=en`).expect(200);
    expect(othersPage.text).toContain('My comment on a neighbour’s idea');
    expect(othersPage.text).toMatch(/<strong>a former participant<\/strong>/);
    expect(await testApp.db('ideas').where({ id: draft })).toHaveLength(0);
    await request(testApp.app).get(`/users/${person.id}`).expect(404);
    const row = await testApp.db('users').where({ id: person.id }).first();
    expect(row).toMatchObject({ email: null, display_name: null, password_hash: null, totp_secret: null, notify_comments: false, notify_updates: false });
    expect(row.deleted_at).not.toBeNull();
    for (const table of ['follows', 'supports']) expect(await testApp.db(table).where({ user_id: person.id })).toHaveLength(0);
    expect(await testApp.db('reports').where({ reporter_id: person.id })).toHaveLength(0);
    expect(await testApp.db('recovery_codes').where({ user_id: person.id })).toHaveLength(0);
    expect(await testApp.db('account_tokens').where({ user_id: person.id })).toHaveLength(0);
    // The staff action is still in the audit log, with the personal data redacted.
    const note = await testApp.db('audit_log').where({ action: 'test.note', target_id: person.id }).first();
    expect(note.reason).toBe('asked by [erased]');
    expect(note.after).toEqual({ name: '[erased]', nested: { email: '[erased]' } });
    // Nor in the exports and the open data API.
    const moderator = await buildUser(testApp.db, { role: 'moderator' });
    const { agent: staff } = await loggedInAgent(testApp.app, moderator);
    for (const exportPath of ['/admin/exports/ideas.csv', '/admin/exports/ideas.geojson']) {
      const exported = await staff.get(exportPath).expect(200);
      expect(exported.text).toContain('An idea others took part in');
      expectNowhere(exported.text, [email, name]);
    }
    expect((await request(testApp.app).get(`/api/ideas/${engaged}`).expect(200)).body.author).toBeNull();
    // Logging in with the old credentials fails like any wrong login.
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
    await agent.post('/login').type('form').send({ _csrf: csrf, email, password: person.password }).expect(401);
  });

  it('with “remove my content”: comments go, and ideas nobody else took part in', async () => {
    const { person, session, engaged, untouched, othersIdea } = await personWithEverything('Pēteris Noņemamais', 'peteris.remove@example.lv');
    const commentsBefore = (await testApp.db('ideas').where({ id: othersIdea }).first()).comment_count;
    const done = await deleteOwnAccount(session.agent, person.password, true);
    expect(done.status).toBe(200);
    expect(await testApp.db('ideas').where({ id: untouched })).toHaveLength(0);
    const kept = await testApp.db('ideas').where({ id: engaged }).first();
    expect(kept.author_id).toBeNull();
    expect(kept.comment_count).toBe(1);
    expect((await testApp.db('ideas').where({ id: othersIdea }).first()).comment_count).toBe(commentsBefore - 1);
    const comments = await testApp.db('comments').whereIn('idea_id', [engaged, othersIdea]).select('body', 'deleted_at', 'author_id');
    expect(comments.filter((comment) => comment.body.startsWith('My comment'))).toHaveLength(0);
    expect(await supportCount(othersIdea)).toBe(await supportRows(othersIdea));
    expect(await supportCount(engaged)).toBe(await supportRows(engaged));
    expectNowhere(await databaseDumpText(testApp.db), ['peteris.remove@example.lv', 'Pēteris Noņemamais']);
  });

  it('refuses to delete the last admin', async () => {
    await testApp.db('users').where({ role: 'admin' }).update({ role: 'moderator' });
    const admin = await buildUser(testApp.db, { role: 'admin', preferredLocale: 'en' });
    const { agent } = await loggedInAgent(testApp.app, admin);
    const response = await deleteOwnAccount(agent, admin.password, false);
    expect(response.status).toBe(422);
    expect(response.text).toContain('This is the only administrator account.');
    expect((await testApp.db('users').where({ id: admin.id }).first()).deleted_at).toBeNull();
  });
});

describe('an admin erases an account on request', () => {
  it('finds it by email, erases it and records it in the audit log without the email', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin', preferredLocale: 'en' });
    await buildUser(testApp.db, { role: 'admin' });
    const email = 'requested.erasure@example.lv';
    const person = await buildUser(testApp.db, { email, displayName: 'Requested Erasure' });
    const { agent } = await loggedInAgent(testApp.app, admin, '/admin/users/erase');
    const found = await agent.get(`/admin/users/erase?email=${encodeURIComponent(email.toUpperCase())}&lang=en`).expect(200);
    expect(found.text).toContain(`/admin/users/${person.id}/erase`);
    const page = await agent.get(`/admin/users/${person.id}/erase?lang=en`).expect(200);
    const missing = await agent.post(`/admin/users/${person.id}/erase`).type('form').send({ _csrf: csrfTokenIn(page.text), reason: ' ' }).expect(422);
    expect(missing.text).toContain('Please note the request this erasure answers');
    const self = await agent.post(`/admin/users/${admin.id}/erase`).type('form').send({ _csrf: csrfTokenIn(page.text), reason: 'test' }).expect(422);
    expect(self.text).toContain('Use “Delete my account”');

    await agent.post(`/admin/users/${person.id}/erase`).type('form').send({ _csrf: csrfTokenIn(page.text), reason: `Request 2026/117 from ${email}` }).expect(303);
    const entry = await testApp.db('audit_log').where({ action: 'user.erased', target_id: person.id }).first();
    expect(entry).toMatchObject({ actor_id: admin.id, target_type: 'user', reason: 'Request 2026/117 from [erased]', after: { contentRemoved: false } });
    expectNowhere(await databaseDumpText(testApp.db), [email, 'Requested Erasure']);
    await agent.get(`/admin/users/${person.id}/erase`).expect(404);
  });

  it('is for admins only', async () => {
    const moderator = await buildUser(testApp.db, { role: 'moderator' });
    const person = await buildUser(testApp.db);
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator);
    await agent.get('/admin/users/erase').expect(403);
    await agent.post(`/admin/users/${person.id}/erase`).type('form').send({ _csrf: csrf, reason: 'x' }).expect(403);
    expect((await testApp.db('users').where({ id: person.id }).first()).deleted_at).toBeNull();
  });
});
