import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { loggedInAgent, visitorWithForm } from '../helpers/forms';
import { buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildFollow } from '../factories/follows';
import { createMailer, type Mail } from '../../server/mail/mailer';
import { createLocalization } from '../../server/i18n/i18n';
import { runDueJobs } from '../../server/jobs/jobs.worker';
import { ideaUpdateHandler } from '../../server/notifications/idea-update';
import { mayChangeStatus } from '../../server/statuses/statuses.policy';

const { testApp, consultation, moderator, resident, follower } = useScene({
  users: { moderator: { role: 'moderator', preferredLocale: 'en' }, resident: { preferredLocale: 'en' }, follower: { preferredLocale: 'ru' } },
  consultation: {},
});

const statusOf = async (ideaId: number) => (await testApp.db('ideas').where({ id: ideaId }).first('status')).status;

function outbox(): string[] {
  const dir = testApp.config.outboxDir;
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((name) => fs.readFileSync(path.join(dir, name), 'utf8')) : [];
}

describe('status changes and official answers', () => {
  it('a moderator moves an idea on with an answer in Latvian and Russian; the page shows it as the municipality’s, escaped; followers get an email in their language', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id, title: 'Fountain' });
    await buildFollow(testApp.db, { userId: follower.id, ideaId });
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${ideaId}/status`);
    await agent
      .post(`/admin/ideas/${ideaId}/status`)
      .type('form')
      .send({ _csrf: csrf, status: 'under_review', answer_lv: 'Izskatām <script>alert(1)</script>', answer_ru: 'Рассматриваем <script>alert(2)</script>' })
      .expect(303);
    expect(await statusOf(ideaId)).toBe('under_review');
    const [change] = await testApp.db('idea_status_changes').where({ idea_id: ideaId });
    expect(change).toMatchObject({ changed_by: moderator.id, from_status: 'new', to_status: 'under_review' });

    const ru = await request(testApp.app).get(`/ideas/${ideaId}?lang=ru`).expect(200);
    expect(ru.text).toContain('Официальный ответ города Даугавпилс');
    expect(ru.text).toContain('Рассматриваем &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(ru.text).not.toContain('<script>alert(2)');
    const en = await request(testApp.app).get(`/ideas/${ideaId}?lang=en`).expect(200);
    expect(en.text).toMatch(/<div class="comment-body" lang="lv">Izskatām &lt;script&gt;/);

    const before = outbox().length;
    const outboxMailer = createMailer({ from: testApp.config.mailFrom, outboxDir: testApp.config.outboxDir });
    const sent: Mail[] = [];
    const services = {
      db: testApp.db,
      mailer: { send: async (mail: Mail) => void (sent.push(mail), await outboxMailer.send(mail)) },
      localization: createLocalization('lv'),
      baseUrl: testApp.config.baseUrl,
      secret: testApp.config.sessionSecret,
    };
    await runDueJobs(testApp.db, { idea_update: ideaUpdateHandler(services) });
    const mails = outbox().slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`To: ${follower.email}`);
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toBe('«Fountain» теперь: На рассмотрении');
    expect(sent[0].text).toContain('Рассматриваем <script>alert(2)</script>');
    expect(sent[0].html).toContain('Рассматриваем &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(sent[0].html).not.toContain('<script>');
    expect(sent[0].text).toContain('/unsubscribe?token=');
  });

  it('refuses a jump the workflow does not allow, changing nothing', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${ideaId}/status`);
    const response = await agent.post(`/admin/ideas/${ideaId}/status`).type('form').send({ _csrf: csrf, status: 'implemented' }).expect(422);
    expect(response.text).toContain('cannot move from its current status to this one');
    expect(await statusOf(ideaId)).toBe('new');
    expect(await testApp.db('idea_status_changes').where({ idea_id: ideaId })).toHaveLength(0);
  });

  it('gives residents 403 and sends logged-out visitors to log in; nothing changes', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, resident);
    await agent.get(`/admin/ideas/${ideaId}/status`).expect(403);
    await agent.post(`/admin/ideas/${ideaId}/status`).type('form').send({ _csrf: csrf, status: 'under_review' }).expect(403);
    expect((await request(testApp.app).get(`/admin/ideas/${ideaId}/status`).expect(303)).headers.location).toMatch(/^\/login\?next=/);
    const visitor = await visitorWithForm(testApp.app, '/login');
    await visitor.agent.post(`/admin/ideas/${ideaId}/status`).type('form').send({ _csrf: visitor.csrf, status: 'under_review' }).expect(303);
    expect(await statusOf(ideaId)).toBe('new');
  });

  it.each([
    ['new', 'under_review', true],
    ['under_review', 'accepted', true],
    ['under_review', 'rejected', true],
    ['accepted', 'in_progress', true],
    ['in_progress', 'implemented', true],
    ['new', 'accepted', false],
    ['rejected', 'in_progress', false],
    ['implemented', 'new', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(mayChangeStatus(from, to)).toBe(allowed);
  });
});
