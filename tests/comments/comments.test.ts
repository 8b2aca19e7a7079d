import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildComment } from '../factories/comments';

const { testApp, consultation, author, neighbour } = useScene({
  users: { author: { preferredLocale: 'en', displayName: 'Author' }, neighbour: { preferredLocale: 'en', displayName: '<i>Neighbour</i>' } },
  consultation: {},
});

const countsOf = async (ideaId: number) => {
  const idea = await testApp.db('ideas').where({ id: ideaId }).first('comment_count');
  const [{ rows }] = await testApp.db('comments').where({ idea_id: ideaId }).whereNull('deleted_at').count({ rows: '*' });
  return { count: idea.comment_count, rows: Number(rows) };
};

function comment(agent: ReturnType<typeof request.agent>, csrf: string, ideaId: number, body: string, parentId?: number) {
  return agent.post(`/ideas/${ideaId}/comments`).type('form').send({ _csrf: csrf, body, ...(parentId ? { parentId: String(parentId) } : {}) });
}

describe('comments', () => {
  it('publishes a comment and a reply, escaped, with the count on the idea page, list and API', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Commented idea' });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour, `/ideas/${ideaId}`);
    const first = await comment(agent, csrf, ideaId, 'Great! <script>alert(1)</script> see https://daugavpils.lv').expect(303);
    const commentId = Number(/#comment-(\d+)$/.exec(first.headers.location)![1]);
    const writer = await loggedInAgent(testApp.app, author, `/ideas/${ideaId}`);
    await comment(writer.agent, writer.csrf, ideaId, 'Thank you', commentId).expect(303);
    expect(await countsOf(ideaId)).toEqual({ count: 2, rows: 2 });

    const page = await request(testApp.app).get(`/ideas/${ideaId}`).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('Great! &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).toContain('<a href="https://daugavpils.lv" rel="nofollow ugc noopener" target="_blank">');
    expect(page.text).toContain('&lt;i&gt;Neighbour&lt;/i&gt;');
    expect(page.text).toMatch(/<h2 id="comments-heading">2 comments<\/h2>/);
    expect(page.text).toMatch(/class="comment-replies">\s*<li><article class="comment" id="comment-\d+">/);
    expect((await request(testApp.app).get('/ideas?lang=en').expect(200)).text).toContain('2 comments');
    expect((await request(testApp.app).get(`/api/ideas/${ideaId}`).expect(200)).body.commentCount).toBe(2);
  });

  it('attaches a reply to a reply to the top-level comment', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour, `/ideas/${ideaId}`);
    const top = Number(/#comment-(\d+)$/.exec((await comment(agent, csrf, ideaId, 'Top').expect(303)).headers.location)![1]);
    const reply = Number(/#comment-(\d+)$/.exec((await comment(agent, csrf, ideaId, 'Reply', top).expect(303)).headers.location)![1]);
    const replyToReply = Number(/#comment-(\d+)$/.exec((await comment(agent, csrf, ideaId, 'Reply to reply', reply).expect(303)).headers.location)![1]);
    expect((await testApp.db('comments').where({ id: replyToReply }).first()).parent_id).toBe(top);
  });

  it.each([
    ['an empty comment', '   ', 'Please write something before sending.'],
    ['a 2,001-character comment', 'x'.repeat(2001), 'at most 2,000 characters'],
  ])('refuses %s with the text kept, storing nothing', async (_case, body, message) => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour, `/ideas/${ideaId}`);
    const response = await comment(agent, csrf, ideaId, body).expect(422);
    expect(response.text).toContain(message);
    expect(response.text).toContain('id="body-error"');
    expect(await countsOf(ideaId)).toEqual({ count: 0, rows: 0 });
  });

  it('lets the author edit within 15 minutes, marked edited; later or by someone else it is 403', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour, `/ideas/${ideaId}`);
    const commentId = Number(/#comment-(\d+)$/.exec((await comment(agent, csrf, ideaId, 'First version').expect(303)).headers.location)![1]);
    await agent.post(`/comments/${commentId}/edit`).type('form').send({ _csrf: csrf, body: 'Second version' }).expect(303);
    const page = await agent.get(`/ideas/${ideaId}`).expect(200);
    expect(page.text).toContain('Second version');
    expect(page.text).toContain('· edited');

    const other = await loggedInAgent(testApp.app, author);
    await other.agent.post(`/comments/${commentId}/edit`).type('form').send({ _csrf: other.csrf, body: 'Hijacked' }).expect(403);
    await other.agent.post(`/comments/${commentId}/delete`).type('form').send({ _csrf: other.csrf }).expect(403);

    await testApp.db('comments').where({ id: commentId }).update({ created_at: new Date(Date.now() - 16 * 60 * 1000) });
    await agent.get(`/comments/${commentId}/edit`).expect(403);
    await agent.post(`/comments/${commentId}/edit`).type('form').send({ _csrf: csrf, body: 'Too late' }).expect(403);
    expect((await testApp.db('comments').where({ id: commentId }).first()).body).toBe('Second version');
  });

  it('deletes a comment as "comment deleted" and keeps its replies', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour, `/ideas/${ideaId}`);
    const top = Number(/#comment-(\d+)$/.exec((await comment(agent, csrf, ideaId, 'Soon gone').expect(303)).headers.location)![1]);
    await comment(agent, csrf, ideaId, 'Reply that stays', top).expect(303);
    await agent.post(`/comments/${top}/delete`).type('form').send({ _csrf: csrf }).expect(303);
    const page = await request(testApp.app).get(`/ideas/${ideaId}`).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('Comment deleted');
    expect(page.text).not.toContain('Soon gone');
    expect(page.text).toContain('Reply that stays');
    expect(await countsOf(ideaId)).toEqual({ count: 1, rows: 1 });
  });

  it('closes comments when the consultation is closed or a moderator locks the idea', async () => {
    const closedIdea = await buildIdea(testApp.db, { consultationId: await buildConsultation(testApp.db, { phase: 'closed' }), authorId: author.id });
    const lockedIdea = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    await testApp.db('ideas').where({ id: lockedIdea }).update({ comments_locked: true });
    const { agent, csrf } = await loggedInAgent(testApp.app, neighbour, `/ideas/${lockedIdea}`);
    for (const [ideaId, reason] of [[closedIdea, 'this call for ideas has ended'], [lockedIdea, 'A moderator has closed the comments']] as const) {
      await comment(agent, csrf, ideaId, 'Let me in').expect(303);
      const page = await agent.get(`/ideas/${ideaId}`).expect(200);
      expect(page.text).toContain(reason);
      expect(page.text).not.toContain('id="comment-body"');
      expect(await countsOf(ideaId)).toEqual({ count: 0, rows: 0 });
    }
  });

  it('orders newest or oldest first and pages 20 threads at a time', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    for (let index = 0; index < 23; index += 1) {
      await buildComment(testApp.db, { ideaId, authorId: neighbour.id, body: `Comment ${index}`, createdAt: new Date(Date.UTC(2026, 5, 1, 0, index)) });
    }
    const oldest = await request(testApp.app).get(`/ideas/${ideaId}`).expect(200);
    expect(oldest.text.indexOf('Comment 0<')).toBeLessThan(oldest.text.indexOf('Comment 1<'));
    expect(oldest.text).not.toContain('Comment 22<');
    const newest = await request(testApp.app).get(`/ideas/${ideaId}?comments=newest`).expect(200);
    expect(newest.text.indexOf('Comment 22<')).toBeLessThan(newest.text.indexOf('Comment 21<'));
    const second = await request(testApp.app).get(`/ideas/${ideaId}?comments=oldest&commentPage=2`).expect(200);
    expect(second.text).toContain('Comment 22<');
    expect(second.text).not.toContain('Comment 0<');
  });

  it('sends a logged-out visitor to log in and refuses a missing CSRF token', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const page = await request(testApp.app).get(`/ideas/${ideaId}`).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('Log in to comment');
    const { agent } = await loggedInAgent(testApp.app, neighbour);
    await comment(agent, 'forged', ideaId, 'No token').expect(403);
    expect(await countsOf(ideaId)).toEqual({ count: 0, rows: 0 });
  });
});
