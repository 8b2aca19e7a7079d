import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { csrfTokenIn, loggedInAgent } from '../helpers/forms';
import { type BuiltUser } from '../factories/users';
import { buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildFollow } from '../factories/follows';
import { createMailer } from '../../server/mail/mailer';
import { createLocalization } from '../../server/i18n/i18n';
import { runDueJobs } from '../../server/jobs/jobs.worker';
import { commentDigestHandler } from '../../server/notifications/comment-digest';
import { unsubscribeToken } from '../../server/notifications/unsubscribe-token';

const { testApp, consultation, author, neighbour } = useScene({
  users: { author: { preferredLocale: 'ru', displayName: 'Автор' }, neighbour: { preferredLocale: 'lv', displayName: '<b>Kaimiņš</b>' } },
  consultation: {},
});

function outbox(): string[] {
  const dir = testApp.config.outboxDir;
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((name) => fs.readFileSync(path.join(dir, name), 'utf8')) : [];
}

async function deliverDueEmails(): Promise<number> {
  await testApp.db('jobs').whereNull('done_at').update({ run_at: testApp.db.fn.now() });
  const services = {
    db: testApp.db,
    mailer: createMailer({ from: testApp.config.mailFrom, outboxDir: testApp.config.outboxDir }),
    localization: createLocalization('lv'),
    baseUrl: testApp.config.baseUrl,
    secret: testApp.config.sessionSecret,
  };
  return runDueJobs(testApp.db, { comment_digest: commentDigestHandler(services) });
}

async function postComment(user: BuiltUser, ideaId: number, body: string) {
  const { agent, csrf } = await loggedInAgent(testApp.app, user, `/ideas/${ideaId}`);
  await agent.post(`/ideas/${ideaId}/comments`).type('form').send({ _csrf: csrf, body }).expect(303);
}

/** The decoded text of an .eml file's parts (quoted-printable or base64). */
function decoded(eml: string): string {
  return eml
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => `%${hex}`)
    .split('\n')
    .map((line) => {
      try {
        return decodeURIComponent(line);
      } catch {
        return line;
      }
    })
    .join('\n');
}

describe('comment notifications', () => {
  it('emails the author, who follows their idea, in their language, with the comment escaped in HTML, at most once an hour', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Скамейки у реки' });
    await buildFollow(testApp.db, { userId: author.id, ideaId });
    const before = outbox().length;
    await postComment(neighbour, ideaId, 'Laba ideja <script>alert(1)</script>');
    expect(await deliverDueEmails()).toBe(1);
    const mails = outbox().slice(before);
    expect(mails).toHaveLength(1);
    const mail = decoded(mails[0]);
    expect(mail).toContain(`To: ${author.email}`);
    expect(mail).toContain('Laba ideja &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail).not.toContain('<script>alert(1)</script></blockquote>');
    expect(mail).toContain('/unsubscribe?token=');
    expect(mail).toContain('Читайте и отвечайте на Kopā:');

    // Two more comments within the hour: no email yet, then one email with both.
    await postComment(neighbour, ideaId, 'Otrais komentārs');
    await postComment(neighbour, ideaId, 'Trešais komentārs');
    await deliverDueEmails();
    expect(outbox().length - before).toBe(1);
    expect(await testApp.db('jobs').whereNull('done_at').where('kind', 'comment_digest')).toHaveLength(1);
    await testApp.db('comment_digests').where({ idea_id: ideaId }).update({ sent_at: new Date(Date.now() - 2 * 3_600_000) });
    await deliverDueEmails();
    const later = outbox().slice(before);
    expect(later).toHaveLength(2);
    expect(decoded(later[1])).toContain('Otrais komentārs');
    expect(decoded(later[1])).toContain('Trešais komentārs');
    expect(decoded(later[1])).not.toContain('Laba ideja');
  });

  it('does not email people about their own comments', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    await buildFollow(testApp.db, { userId: author.id, ideaId });
    const before = outbox().length;
    await postComment(author, ideaId, 'Мой собственный комментарий');
    await deliverDueEmails();
    expect(outbox().length).toBe(before);
  });

  it('lets anyone follow and unfollow an idea; authors follow their own new ideas', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour, `/ideas/${ideaId}`);
    await agent.post(`/ideas/${ideaId}/follow`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await testApp.db('follows').where({ user_id: neighbour.id, idea_id: ideaId })).toHaveLength(1);
    await agent.post(`/ideas/${ideaId}/unfollow`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await testApp.db('follows').where({ user_id: neighbour.id, idea_id: ideaId })).toHaveLength(0);
  });
});

describe('unsubscribing', () => {
  it('turns off comment emails with a signed link, without logging in', async () => {
    const token = unsubscribeToken(testApp.config.sessionSecret, neighbour.id, 'comments');
    const agent = request.agent(testApp.app);
    const page = await agent.get(`/unsubscribe?token=${token}&lang=en`).expect(200);
    expect(page.text).toContain('stop receiving emails about new comments');
    await agent.post('/unsubscribe').type('form').send({ _csrf: csrfTokenIn(page.text), token }).expect(200);
    expect((await testApp.db('users').where({ id: neighbour.id }).first()).notify_comments).toBe(false);
  });

  it.each([
    ['a forged signature', () => `${author.id}.comments.${'A'.repeat(43)}`],
    ['another person’s id with a valid signature', () => unsubscribeToken(testApp.config.sessionSecret, neighbour.id, 'comments').replace(/^\d+/, String(author.id))],
    ['garbage', () => '<script>'],
  ])('refuses %s with a clear 400 and changes nothing', async (_case, makeToken) => {
    const response = await request(testApp.app).get(`/unsubscribe?token=${encodeURIComponent(makeToken())}`).set('Accept-Language', 'en').expect(400);
    expect(response.text).toContain('This unsubscribe link is not valid.');
    expect((await testApp.db('users').where({ id: author.id }).first()).notify_comments).toBe(true);
  });
});
