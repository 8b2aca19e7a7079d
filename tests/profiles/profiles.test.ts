import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildComment } from '../factories/comments';

const { testApp } = useScene();

describe('profile page', () => {
  it('shows the display name, public ideas and comments, never the email or hidden content', async () => {
    const person = await buildUser(testApp.db, { displayName: '<b>Māra</b>', email: 'mara.secret@example.lv' });
    const consultationId = await buildConsultation(testApp.db);
    const shown = await buildIdea(testApp.db, { consultationId, authorId: person.id, title: 'Shown idea' });
    await buildIdea(testApp.db, { consultationId, authorId: person.id, title: 'Hidden idea', visibility: 'hidden' });
    await buildComment(testApp.db, { ideaId: shown, authorId: person.id, body: 'Visible comment' });
    await buildComment(testApp.db, { ideaId: shown, authorId: person.id, body: 'Hidden comment', hiddenAt: new Date() });
    await buildComment(testApp.db, { ideaId: shown, authorId: person.id, deletedAt: new Date() });
    const page = await request(testApp.app).get(`/users/${person.id}`).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('<h1>&lt;b&gt;Māra&lt;/b&gt;</h1>');
    expect(page.text).toContain('Shown idea');
    expect(page.text).toContain('Visible comment');
    expect(page.text).not.toContain('Hidden idea');
    expect(page.text).not.toContain('Hidden comment');
    expect(page.text).not.toContain('mara.secret');
    expect(page.text).not.toContain('Email notifications');
    await request(testApp.app).get('/users/999999').expect(404);
  });

  it('lets a person change their own notification settings', async () => {
    const person = await buildUser(testApp.db, { preferredLocale: 'en' });
    const { agent, csrf } = await loggedInAgent(testApp.app, person, `/users/${person.id}`);
    const own = await agent.get(`/users/${person.id}`).expect(200);
    expect(own.text).toContain('Email notifications');
    await agent.post('/settings/notifications').type('form').send({ _csrf: csrf, notifyUpdates: 'on' }).expect(303);
    expect(await testApp.db('users').where({ id: person.id }).first('notify_comments', 'notify_updates')).toEqual({ notify_comments: false, notify_updates: true });
    await agent.post('/settings/notifications').type('form').send({ notifyComments: 'on' }).expect(403);
    expect((await testApp.db('users').where({ id: person.id }).first('notify_comments')).notify_comments).toBe(false);
  });
});
