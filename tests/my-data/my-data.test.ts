import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildComment } from '../factories/comments';
import { buildSupport } from '../factories/supports';
import { buildReport } from '../factories/reports';
import { buildFollow } from '../factories/follows';
import { recordRevision } from '../../server/ideas/idea-revisions.queries';

const { testApp } = useScene();
let person: BuiltUser;
let neighbour: BuiltUser;
let ownIdeaId: number;
let neighbourIdeaId: number;
beforeAll(async () => {
  const { db } = testApp;
  person = await buildUser(db, { displayName: 'Inese <b>Ozola</b>', email: 'inese.mydata@example.lv', preferredLocale: 'en' });
  neighbour = await buildUser(db, { displayName: 'Neighbour Secret Name', email: 'neighbour.secret@example.lv' });
  const consultationId = await buildConsultation(db);
  ownIdeaId = await buildIdea(db, { consultationId, authorId: person.id, title: 'Inese’s idea: a pier' });
  await buildIdea(db, { consultationId, authorId: person.id, title: 'Inese’s draft', visibility: 'draft' });
  neighbourIdeaId = await buildIdea(db, { consultationId, authorId: neighbour.id, title: 'NEIGHBOUR-ONLY TITLE', description: 'NEIGHBOUR-ONLY DESCRIPTION' });
  await db('idea_photos').insert({ idea_id: ownIdeaId, position: 0, large_key: 'aaaa-large.jpg', thumbnail_key: 'aaaa-thumb.jpg', width: 10, height: 10 });
  const ownCommentId = await buildComment(db, { ideaId: neighbourIdeaId, authorId: person.id, body: 'Inese comments <script>x</script>' });
  await buildComment(db, { ideaId: ownIdeaId, authorId: neighbour.id, body: 'NEIGHBOUR-ONLY COMMENT' });
  await buildSupport(db, { ideaId: neighbourIdeaId, userId: person.id });
  await buildSupport(db, { ideaId: ownIdeaId, userId: neighbour.id });
  await buildReport(db, { reporterId: person.id, ideaId: neighbourIdeaId, reason: 'other', details: 'Inese’s report details' });
  await buildReport(db, { reporterId: neighbour.id, commentId: ownCommentId, reason: 'spam', details: null });
  await buildFollow(db, { userId: person.id, ideaId: neighbourIdeaId });
  await buildFollow(db, { userId: neighbour.id, ideaId: ownIdeaId });
  await recordRevision(db, { ideaId: ownIdeaId, editorId: person.id, before: { title: 'Inese’s first title' }, after: { title: 'Inese’s idea: a pier' } });
  await recordRevision(db, { ideaId: neighbourIdeaId, editorId: neighbour.id, before: { title: 'NEIGHBOUR-ONLY OLD TITLE' }, after: { title: 'NEIGHBOUR-ONLY TITLE' } });
});

describe('my data', () => {
  it('downloads every kind of record about the person as JSON, and nothing of other people', async () => {
    const { agent } = await loggedInAgent(testApp.app, person);
    const response = await agent.get(`/users/${person.id}/data.json`).expect(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?kopa-my-data-\d{4}-\d{2}-\d{2}\.json/);
    expect(response.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(response.text);
    expect(data.account).toMatchObject({ id: person.id, email: person.email, displayName: person.displayName, preferredLanguage: 'en', role: 'resident' });
    expect(data.account.emailVerifiedAt).toBeTruthy();
    expect(data.ideas.map((idea: { title: string }) => idea.title).sort()).toEqual(['Inese’s draft', 'Inese’s idea: a pier']);
    expect(data.ideas.find((idea: { id: number }) => idea.id === ownIdeaId).photos).toEqual([`${testApp.config.baseUrl}/uploads/aaaa-large.jpg`]);
    expect(data.comments).toHaveLength(1);
    expect(data.comments[0]).toMatchObject({ ideaId: neighbourIdeaId, body: 'Inese comments <script>x</script>' });
    expect(data.supports).toEqual([expect.objectContaining({ ideaId: neighbourIdeaId })]);
    expect(data.reports).toEqual([expect.objectContaining({ ideaId: neighbourIdeaId, reason: 'other', details: 'Inese’s report details' })]);
    expect(data.follows.map((follow: { ideaId: number }) => follow.ideaId)).toContain(neighbourIdeaId);
    expect(data.ideaEdits).toEqual([expect.objectContaining({ ideaId: ownIdeaId, before: { title: 'Inese’s first title' }, after: { title: 'Inese’s idea: a pier' } })]);
    expect(data.workshopParticipations).toEqual({ linkedToAccount: false, records: [] });
    expect(data.workshopNote).toMatch(/anonymous/);
    for (const foreign of [neighbour.email, neighbour.displayName, 'NEIGHBOUR-ONLY', 'password_hash', '$argon2']) {
      expect(response.text).not.toContain(foreign);
    }
  });

  it('shows the same as a readable page, escaped', async () => {
    const { agent } = await loggedInAgent(testApp.app, person);
    const redirect = await agent.get('/account/data').expect(303);
    expect(redirect.headers.location).toBe(`/users/${person.id}/data`);
    const page = await agent.get(`/users/${person.id}/data?lang=en`).expect(200);
    expect(page.text).toContain('Inese &lt;b&gt;Ozola&lt;/b&gt;');
    expect(page.text).toContain('Inese comments &lt;script&gt;x&lt;/script&gt;');
    expect(page.text).toContain('Inese’s report details');
    expect(page.text).toContain('Youth workshops are anonymous');
    expect(page.text).toContain('Your changes to published ideas (1)');
    for (const foreign of [neighbour.email, 'Neighbour Secret Name', 'NEIGHBOUR-ONLY']) expect(page.text).not.toContain(foreign);
  });

  it('refuses another person’s data with 403, for staff too, and asks visitors to log in', async () => {
    const { agent } = await loggedInAgent(testApp.app, neighbour);
    await agent.get(`/users/${person.id}/data.json`).expect(403);
    await agent.get(`/users/${person.id}/data`).expect(403);
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const { agent: adminAgent } = await loggedInAgent(testApp.app, admin);
    await adminAgent.get(`/users/${person.id}/data.json`).expect(403);
    const visitor = await request(testApp.app).get(`/users/${person.id}/data.json`).expect(303);
    expect(visitor.headers.location).toMatch(/^\/login\?next=/);
  });
});
