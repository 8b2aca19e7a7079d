import request from 'supertest';
import { loggedInAgent, visitorWithForm } from '../helpers/forms';
import { deliverJobs } from '../helpers/mail';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea, categoryId } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildComment } from '../factories/comments';
import { buildReport } from '../factories/reports';
import { moderationDecisionHandler } from '../../server/moderation/moderation.mail';

const { testApp, moderator, author } = useScene({
  users: { moderator: { role: 'moderator', preferredLocale: 'en', displayName: 'Mod' }, author: { preferredLocale: 'ru' } },
});
let reporters: BuiltUser[];
let consultationId: number;
let preModerated: number;
beforeAll(async () => {
  reporters = [];
  for (let index = 0; index < 3; index += 1) reporters.push(await buildUser(testApp.db));
  // A small square around the city centre, so that a pin can be moved outside it.
  consultationId = await buildConsultation(testApp.db, {
    area: { type: 'Polygon', coordinates: [[[26.5, 55.86], [26.57, 55.86], [26.57, 55.9], [26.5, 55.9], [26.5, 55.86]]] },
  });
  preModerated = await buildConsultation(testApp.db, { moderationMode: 'pre' });
});

const ideaRow = (id: number) => testApp.db('ideas').where({ id }).first();
const auditOf = (targetId: number, targetType = 'idea') => testApp.db('audit_log').where({ target_id: targetId, target_type: targetType }).orderBy('id');
const staff = (tokenPage = '/admin') => loggedInAgent(testApp.app, moderator, tokenPage);

async function report(ideaId: number, reporter: BuiltUser, reason: string, details?: string) {
  await buildReport(testApp.db, { reporterId: reporter.id, ideaId, reason, details: details ?? null });
}

describe('the moderation queue', () => {
  it('lists pending ideas, and reported ideas with their reasons and counts, most reported first', async () => {
    const pending = await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, title: 'Pending bench', visibility: 'pending' });
    const once = await buildIdea(testApp.db, { consultationId, authorId: author.id, title: 'Reported once' });
    const thrice = await buildIdea(testApp.db, { consultationId, authorId: author.id, title: 'Reported thrice' });
    await report(once, reporters[0], 'spam');
    for (const reporter of reporters) await report(thrice, reporter, 'offensive', 'Rude <script>alert(1)</script>');
    const { agent } = await staff();

    const pendingPage = await agent.get('/admin/moderation?lang=en').expect(200);
    expect(pendingPage.text).toContain('Pending bench');
    expect(pendingPage.text).toContain(`action="/admin/ideas/${pending}/publish"`);

    const reported = await agent.get('/admin/moderation?view=ideas&sort=reports&lang=en').expect(200);
    expect(reported.text.indexOf('Reported thrice')).toBeLessThan(reported.text.indexOf('Reported once'));
    expect(reported.text).toContain('3 open reports');
    expect(reported.text).toContain('Offensive or hateful × 3');
    expect(reported.text).toContain('Rude &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(reported.text).not.toContain('<script>alert(1)');
    await agent.get('/admin/moderation?view=everything').expect(400);
  });

  it('publishes a pending idea, tells the author in their language, and logs it', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, title: 'Fountain', visibility: 'pending' });
    const { agent, csrf } = await staff();
    await agent.post(`/admin/ideas/${ideaId}/publish`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await ideaRow(ideaId)).visibility).toBe('published');
    expect(await auditOf(ideaId)).toEqual([expect.objectContaining({ actor_id: moderator.id, action: 'idea.published', before: expect.objectContaining({ visibility: 'pending' }) })]);
    const mails = await deliverJobs(testApp, { moderation_decision: moderationDecisionHandler });
    expect(mails).toEqual([expect.objectContaining({ to: author.email, subject: 'Ваша идея «Fountain» опубликована' })]);
    await request(testApp.app).get(`/ideas/${ideaId}`).expect(200);
  });

  it('refuses to hide without a reason, changing nothing; with one, the author sees it (escaped) and gets it by email', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id, title: 'Graffiti wall' });
    await report(ideaId, reporters[0], 'spam');
    const { agent, csrf } = await staff();
    const refused = await agent.post(`/admin/ideas/${ideaId}/hide?lang=en`).type('form').send({ _csrf: csrf, reason: '   ' }).expect(422);
    expect(refused.text).toContain('Please give a reason: the author will see it.');
    expect((await ideaRow(ideaId)).visibility).toBe('published');
    expect(await auditOf(ideaId)).toHaveLength(0);

    const reason = 'Personal data <script>alert("x")</script>';
    await agent.post(`/admin/ideas/${ideaId}/hide`).type('form').send({ _csrf: csrf, reason }).expect(303);
    const hidden = await ideaRow(ideaId);
    expect(hidden).toMatchObject({ visibility: 'hidden', hidden_reason: reason });
    expect(await testApp.db('reports').where({ idea_id: ideaId }).whereNull('resolved_at')).toHaveLength(0);
    await request(testApp.app).get(`/ideas/${ideaId}`).expect(404);

    const { agent: authorAgent } = await loggedInAgent(testApp.app, author);
    const page = await authorAgent.get(`/ideas/${ideaId}?lang=en`).expect(200);
    expect(page.text).toContain('Reason given by the moderators:</strong> Personal data &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
    const [mail] = await deliverJobs(testApp, { moderation_decision: moderationDecisionHandler });
    expect(mail.subject).toBe('Ваша идея «Graffiti wall» скрыта');
    expect(mail.text).toContain(reason);
    expect(mail.html).toContain('Personal data &lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect((await auditOf(ideaId)).at(-1)).toMatchObject({ action: 'idea.hidden', reason, after: { visibility: 'hidden', reportsResolved: 1 } });

    await agent.post(`/admin/ideas/${ideaId}/publish`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await ideaRow(ideaId)).toMatchObject({ visibility: 'published', hidden_reason: null });
    expect((await auditOf(ideaId)).at(-1)).toMatchObject({ action: 'idea.restored' });
  });

  it('dismisses unfounded reports, changes the category and locks comments, each in the audit log', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });
    await report(ideaId, reporters[1], 'off_topic');
    const { agent, csrf } = await staff();
    await agent.post(`/admin/ideas/${ideaId}/dismiss-reports`).type('form').send({ _csrf: csrf, returnTo: '/admin/moderation?view=ideas' }).expect(303).expect('Location', '/admin/moderation?view=ideas');
    expect(await testApp.db('reports').where({ idea_id: ideaId }).whereNull('resolved_at')).toHaveLength(0);
    await agent.post(`/admin/ideas/${ideaId}/category`).type('form').send({ _csrf: csrf, categoryId: await categoryId(testApp.db, 'heritage') }).expect(303);
    expect((await ideaRow(ideaId)).category_id).toBe(await categoryId(testApp.db, 'heritage'));
    await agent.post(`/admin/ideas/${ideaId}/category`).type('form').send({ _csrf: csrf, categoryId: 999999 }).expect(422);
    await agent.post(`/admin/ideas/${ideaId}/comments/lock`).type('form').send({ _csrf: csrf }).expect(303);
    const { agent: residentAgent, csrf: residentCsrf } = await loggedInAgent(testApp.app, reporters[2], `/ideas/${ideaId}`);
    await residentAgent.post(`/ideas/${ideaId}/comments`).type('form').send({ _csrf: residentCsrf, body: 'Hello' }).expect(303);
    expect(await testApp.db('comments').where({ idea_id: ideaId })).toHaveLength(0);
    expect((await auditOf(ideaId)).map((entry) => entry.action)).toEqual(['idea.reports_dismissed', 'idea.category_changed', 'idea.comments_locked']);
  });

  it('moves a misplaced pin inside the area, and refuses one outside it', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id, latitude: 55.87, longitude: 26.52 });
    const { agent, csrf } = await staff();
    const outside = await agent.post(`/admin/ideas/${ideaId}/move?lang=en`).type('form').send({ _csrf: csrf, latitude: '55.95', longitude: '26.65' }).expect(422);
    expect(outside.text).toContain('outside');
    await agent.post(`/admin/ideas/${ideaId}/move`).type('form').send({ _csrf: csrf, latitude: 'north', longitude: '26.5' }).expect(422);
    expect(await ideaRow(ideaId)).toMatchObject({ latitude: 55.87, longitude: 26.52 });
    await agent.post(`/admin/ideas/${ideaId}/move`).type('form').send({ _csrf: csrf, latitude: '55,88', longitude: '26.55' }).expect(303);
    expect(await ideaRow(ideaId)).toMatchObject({ latitude: 55.88, longitude: 26.55 });
    expect((await auditOf(ideaId)).at(-1)).toMatchObject({ action: 'idea.moved', before: { latitude: 55.87, longitude: 26.52 }, after: { latitude: 55.88, longitude: 26.55 } });
  });

  it('marks duplicates by number or link, refuses itself and loops, and keeps supports with each', async () => {
    const [a, b, c] = [
      await buildIdea(testApp.db, { consultationId, authorId: author.id, title: 'Original A', supportCount: 4 }),
      await buildIdea(testApp.db, { consultationId, authorId: author.id, title: 'Copy B', supportCount: 2 }),
      await buildIdea(testApp.db, { consultationId, authorId: author.id, title: 'Copy C' }),
    ];
    const { agent, csrf } = await staff();
    await agent.post(`/admin/ideas/${b}/duplicate`).type('form').send({ _csrf: csrf, originalId: `http://localhost:3000/ideas/${a}` }).expect(303);
    await agent.post(`/admin/ideas/${c}/duplicate`).type('form').send({ _csrf: csrf, originalId: String(b) }).expect(303);
    const itself = await agent.post(`/admin/ideas/${a}/duplicate?lang=en`).type('form').send({ _csrf: csrf, originalId: String(a) }).expect(422);
    expect(itself.text).toContain('An idea cannot be a duplicate of itself.');
    const loop = await agent.post(`/admin/ideas/${a}/duplicate?lang=en`).type('form').send({ _csrf: csrf, originalId: String(c) }).expect(422);
    expect(loop.text).toContain('That would make a loop');
    await agent.post(`/admin/ideas/${a}/duplicate?lang=en`).type('form').send({ _csrf: csrf, originalId: '999999' }).expect(422);
    expect((await ideaRow(a)).duplicate_of_id).toBeNull();
    expect(await ideaRow(b)).toMatchObject({ duplicate_of_id: a, support_count: 2 });
    expect((await ideaRow(a)).support_count).toBe(4);

    const copyPage = await request(testApp.app).get(`/ideas/${b}?lang=en`).expect(200);
    expect(copyPage.text).toContain(`This idea repeats an earlier one: <a href="/ideas/${a}"`);
    expect((await request(testApp.app).get(`/ideas/${a}?lang=en`).expect(200)).text).toContain(`<a href="/ideas/${b}"`);
  });

  it('publishes and hides in bulk, skipping items the decision does not fit', async () => {
    const pendingIds = [
      await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, visibility: 'pending' }),
      await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, visibility: 'pending' }),
    ];
    const draft = await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, visibility: 'draft' });
    const { agent, csrf } = await staff();
    const items = [...pendingIds, draft].map((id) => `idea:${id}`);
    await agent.post('/admin/moderation/bulk').type('form').send({ _csrf: csrf, action: 'hide', items }).expect(303);
    expect((await ideaRow(pendingIds[0])).visibility).toBe('pending');
    await agent.post('/admin/moderation/bulk').type('form').send({ _csrf: csrf, action: 'publish', items }).expect(303);
    expect((await agent.get('/admin/moderation?lang=en').expect(200)).text).toContain('Done: 2 published or restored, 1 skipped.');
    for (const id of pendingIds) expect((await ideaRow(id)).visibility).toBe('published');
    expect((await ideaRow(draft)).visibility).toBe('draft');
    await agent.post('/admin/moderation/bulk').type('form').send({ _csrf: csrf, action: 'hide', items: pendingIds.map((id) => `idea:${id}`), reason: 'Spam' }).expect(303);
    for (const id of pendingIds) expect(await ideaRow(id)).toMatchObject({ visibility: 'hidden', hidden_reason: 'Spam' });
  });

  it('hides and restores a reported comment with a reason its author sees', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId, authorId: author.id });
    const commentId = await buildComment(testApp.db, { ideaId, authorId: author.id, body: 'Rude words' });
    await buildReport(testApp.db, { reporterId: reporters[0].id, commentId, reason: 'offensive', details: null });
    const { agent, csrf } = await staff();
    expect((await agent.get('/admin/moderation?view=comments&lang=en').expect(200)).text).toContain('Rude words');
    await agent.post(`/admin/comments/${commentId}/hide`).type('form').send({ _csrf: csrf }).expect(422);
    await agent.post(`/admin/comments/${commentId}/hide`).type('form').send({ _csrf: csrf, reason: 'Insults <b>neighbours</b>' }).expect(303);
    const { agent: authorAgent } = await loggedInAgent(testApp.app, author);
    const page = await authorAgent.get(`/ideas/${ideaId}?lang=en`).expect(200);
    expect(page.text).toContain('Insults &lt;b&gt;neighbours&lt;/b&gt;');
    expect(page.text).not.toContain('Rude words');
    expect((await request(testApp.app).get(`/ideas/${ideaId}?lang=en`).expect(200)).text).not.toContain('Insults');
    await agent.post(`/admin/comments/${commentId}/restore`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await request(testApp.app).get(`/ideas/${ideaId}`).expect(200)).text).toContain('Rude words');
    expect((await auditOf(commentId, 'comment')).map((entry) => entry.action)).toEqual(['comment.hidden', 'comment.restored']);
  });
});

describe('blocking', () => {
  it('a blocked resident cannot post, comment, support or report; their content stays; unblocking restores it', async () => {
    const blocked = await buildUser(testApp.db, { preferredLocale: 'en' });
    const theirIdea = await buildIdea(testApp.db, { consultationId, authorId: blocked.id, title: 'Still here' });
    const otherIdea = await buildIdea(testApp.db, { consultationId, authorId: author.id });
    const { agent, csrf } = await staff();
    await agent.post(`/admin/users/${blocked.id}/block`).type('form').send({ _csrf: csrf }).expect(422);
    expect((await testApp.db('users').where({ id: blocked.id }).first()).blocked_at).toBeNull();
    await agent.post(`/admin/users/${blocked.id}/block`).type('form').send({ _csrf: csrf, reason: 'Spam campaign' }).expect(303);

    const person = await loggedInAgent(testApp.app, blocked, `/ideas/${otherIdea}`);
    const refused = await person.agent.get('/ideas/new?lang=en').expect(403);
    expect(refused.text).toContain('Your account has been blocked by the moderators');
    await person.agent.post(`/ideas/${otherIdea}/comments`).type('form').send({ _csrf: person.csrf, body: 'Hi' }).expect(403);
    await person.agent.post(`/ideas/${otherIdea}/support`).type('form').send({ _csrf: person.csrf }).expect(403);
    await person.agent.post(`/ideas/${otherIdea}/report`).type('form').send({ _csrf: person.csrf, reason: 'spam' }).expect(403);
    expect(await testApp.db('comments').where({ author_id: blocked.id })).toHaveLength(0);
    expect(await testApp.db('supports').where({ user_id: blocked.id })).toHaveLength(0);
    expect(await testApp.db('reports').where({ reporter_id: blocked.id })).toHaveLength(0);
    expect((await request(testApp.app).get(`/ideas/${theirIdea}`).expect(200)).text).toContain('Still here');

    await agent.post(`/admin/users/${blocked.id}/unblock`).type('form').send({ _csrf: csrf }).expect(303);
    await person.agent.post(`/ideas/${otherIdea}/support`).type('form').send({ _csrf: person.csrf }).expect(303);
    expect(await testApp.db('supports').where({ user_id: blocked.id })).toHaveLength(1);
    expect((await auditOf(blocked.id, 'user')).map((entry) => [entry.action, entry.reason])).toEqual([['user.blocked', 'Spam campaign'], ['user.unblocked', null]]);
  });

  it('moderators cannot block admins, other moderators or themselves', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const otherModerator = await buildUser(testApp.db, { role: 'moderator' });
    const { agent, csrf } = await staff();
    for (const target of [admin, otherModerator, moderator]) {
      await agent.post(`/admin/users/${target.id}/block`).type('form').send({ _csrf: csrf, reason: 'x' }).expect(403);
      expect((await testApp.db('users').where({ id: target.id }).first()).blocked_at).toBeNull();
    }
  });

  it('shows email addresses to admins only', async () => {
    const { agent } = await staff();
    expect((await agent.get(`/admin/users/${author.id}`).expect(200)).text).not.toContain(author.email);
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const adminAgent = (await loggedInAgent(testApp.app, admin)).agent;
    expect((await adminAgent.get(`/admin/users/${author.id}`).expect(200)).text).toContain(author.email);
  });
});

describe('a lost authenticator', () => {
  it('an admin resets a staff member’s second factor: their sessions end and staff pages ask for a new setup', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const colleague = await buildUser(testApp.db, { role: 'moderator' });
    const colleagueSession = (await loggedInAgent(testApp.app, colleague)).agent;
    await colleagueSession.get('/admin').expect(200);
    const { agent, csrf } = await loggedInAgent(testApp.app, admin);
    await agent.post(`/admin/users/${colleague.id}/reset-two-factor`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await testApp.db('users').where({ id: colleague.id }).first()).totp_enabled_at).toBeNull();
    expect(await testApp.db('recovery_codes').where({ user_id: colleague.id })).toHaveLength(0);
    expect((await colleagueSession.get('/admin').expect(303)).headers.location).toMatch(/^\/login/);
    expect((await auditOf(colleague.id, 'user')).map((entry) => entry.action)).toEqual(['user.two_factor_reset']);
    const fresh = (await loggedInAgent(testApp.app, colleague)).agent;
    expect((await fresh.get('/admin').expect(303)).headers.location).toMatch(/^\/account\/two-factor\/setup/);
  });

  it('only admins may do it, and not to themselves', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const { agent: moderatorAgent, csrf: moderatorCsrf } = await staff();
    await moderatorAgent.post(`/admin/users/${admin.id}/reset-two-factor`).type('form').send({ _csrf: moderatorCsrf }).expect(403);
    const { agent, csrf } = await loggedInAgent(testApp.app, admin);
    await agent.post(`/admin/users/${admin.id}/reset-two-factor`).type('form').send({ _csrf: csrf }).expect(403);
    expect((await testApp.db('users').where({ id: admin.id }).first()).totp_enabled_at).not.toBeNull();
  });
});

describe('who may use the staff area', () => {
  const staffPages = [
    '/admin',
    '/admin/moderation',
    '/admin/ideas/1',
    '/admin/ideas/1/status',
    '/admin/comments/1',
    '/admin/users',
    '/admin/users/1',
    '/admin/audit',
    '/admin/exports',
    '/admin/exports/ideas.csv',
    '/admin/dashboard',
    '/admin/consultations',
    '/admin/consultations/new',
    '/admin/categories',
    '/admin/categories/new',
  ];
  const otherStaffActions = ['/admin/moderation/bulk', '/admin/users/1/block', '/admin/users/1/unblock', '/admin/comments/1/hide', '/admin/comments/1/restore', '/admin/comments/1/dismiss-reports', '/admin/consultations', '/admin/consultations/1', '/admin/categories', '/admin/categories/1', '/admin/ideas/1/status'];
  const staffActions = ['publish', 'hide', 'dismiss-reports', 'category', 'move', 'duplicate', 'duplicate/clear', 'comments/lock', 'comments/unlock'];

  it('sends logged-out visitors to log in and gives residents 403, for every page and action; nothing changes', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, visibility: 'pending' });
    for (const path of [...staffPages, `/admin/ideas/${ideaId}`]) {
      expect((await request(testApp.app).get(path).expect(303)).headers.location).toMatch(/^\/login\?next=/);
    }
    const visitor = await visitorWithForm(testApp.app, '/login');
    const resident = await loggedInAgent(testApp.app, reporters[0]);
    for (const path of staffPages) await resident.agent.get(path).expect(403);
    const form = { reason: 'x', categoryId: 1, latitude: '55.87', longitude: '26.53', originalId: '1', items: `idea:${ideaId}`, action: 'publish' };
    for (const action of staffActions) {
      await visitor.agent.post(`/admin/ideas/${ideaId}/${action}`).type('form').send({ _csrf: visitor.csrf, ...form }).expect(303);
      await resident.agent.post(`/admin/ideas/${ideaId}/${action}`).type('form').send({ _csrf: resident.csrf, ...form }).expect(403);
    }
    for (const path of otherStaffActions) {
      await visitor.agent.post(path).type('form').send({ _csrf: visitor.csrf, ...form }).expect(303);
      await resident.agent.post(path).type('form').send({ _csrf: resident.csrf, ...form }).expect(403);
    }
    expect(await ideaRow(ideaId)).toMatchObject({ visibility: 'pending', duplicate_of_id: null, comments_locked: false });
    expect(await auditOf(ideaId)).toHaveLength(0);
    expect((await testApp.db('users').where({ id: author.id }).first()).blocked_at).toBeNull();
  });

  it('refuses a staff action without a CSRF token, changing nothing', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: preModerated, authorId: author.id, visibility: 'pending' });
    const { agent } = await staff();
    await agent.post(`/admin/ideas/${ideaId}/publish`).type('form').send({}).expect(403);
    await agent.post(`/admin/ideas/${ideaId}/hide`).type('form').send({ _csrf: 'forged', reason: 'x' }).expect(403);
    await agent.post('/admin/moderation/bulk').type('form').send({ action: 'publish', items: `idea:${ideaId}` }).expect(403);
    expect((await ideaRow(ideaId)).visibility).toBe('pending');
  });

  it('keeps admin-only pages from moderators', async () => {
    const { agent } = await staff();
    await agent.get('/admin/audit').expect(403);
  });
});
