import fs from 'node:fs';
import request from 'supertest';
import sharp from 'sharp';
import { loggedInAgent, uploadForm } from '../helpers/forms';
import { deliverJobs } from '../helpers/mail';
import { buildIdea } from '../factories/ideas';
import { buildFollow } from '../factories/follows';
import { jpegWithGps } from '../factories/images';
import { useScene } from '../factories/scene';
import { buildUser } from '../factories/users';
import { milestoneUpdateHandler } from '../../server/notifications/milestone-update';
import { mayActOnMilestones, type MilestoneAction } from '../../server/milestones/milestones.policy';
import { eraseAccount } from '../../server/account-deletion/erasure.service';
import { localDiskStorage } from '../../server/uploads/photo-storage';
import { roles, type Role } from '../../server/auth/roles';
import { ideaStatuses, type IdeaStatus } from '../../server/ideas/ideas.schema';

const { testApp, consultation, moderator, admin, planner, resident, facilitator, follower } = useScene({
  users: {
    planner: { role: 'planner', preferredLocale: 'en' },
    moderator: { role: 'moderator', preferredLocale: 'en' },
    admin: { role: 'admin', preferredLocale: 'en' },
    resident: { preferredLocale: 'en' },
    facilitator: { role: 'facilitator', preferredLocale: 'en' },
    follower: { preferredLocale: 'ru' },
  },
  consultation: {},
});

const milestonesOf = (ideaId: number) => testApp.db('idea_milestones').where({ idea_id: ideaId }).orderBy('id');

async function acceptedIdea(status = 'accepted', createdAt = new Date('2026-03-10T10:00:00Z')): Promise<number> {
  return buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id, title: 'Skatu laukums <script>alert("t")</script>', status, createdAt });
}

function milestoneFields(overrides: Record<string, string> = {}): Record<string, string> {
  return { kind: 'works_started', happened_on: '2026-05-04', progress: '40', text_lv: 'Sākti darbi <script>alert(1)</script>', text_ru: 'Работы начаты', ...overrides };
}

async function postMilestone(user: { email: string; password: string }, ideaId: number, fields: Record<string, string>, expected: number, photo?: Buffer) {
  const { agent, csrf } = await loggedInAgent(testApp.app, user);
  const post = agent.post(`/admin/ideas/${ideaId}/milestones`);
  if (photo) post.attach('photos', photo, 'site.jpg');
  return uploadForm(post, { _csrf: csrf, ...fields }).expect(expected);
}

describe('milestones', () => {
  it('a moderator adds a milestone with a photo (EXIF gone); the next anonymous request of the idea page shows it, escaped; followers get an email in their language', async () => {
    const ideaId = await acceptedIdea();
    await buildFollow(testApp.db, { userId: follower.id, ideaId });
    // Fill the response cache with the page as it is now.
    const before = await request(testApp.app).get(`/ideas/${ideaId}?lang=lv`).expect(200);
    expect(before.text).not.toContain('id="milestones"');
    await request(testApp.app).get(`/ideas/${ideaId}?lang=lv`).expect(200);

    await postMilestone(moderator, ideaId, milestoneFields(), 303, await jpegWithGps(1200, 900));
    const [row] = await milestonesOf(ideaId);
    expect(row).toMatchObject({ created_by: moderator.id, kind: 'works_started', progress: 40, text: { lv: 'Sākti darbi <script>alert(1)</script>', ru: 'Работы начаты' } });
    const [photo] = await testApp.db('idea_milestone_photos').where({ milestone_id: row.id });
    expect(photo).toMatchObject({ idea_id: ideaId, position: 0 });
    const stored = await sharp(`${testApp.config.uploadDir}/${photo.large_key}`).metadata();
    expect(stored.exif).toBeUndefined();

    const after = await request(testApp.app).get(`/ideas/${ideaId}?lang=lv`).expect(200);
    expect(after.text).toContain('id="milestones"');
    expect(after.text).toContain('Darbi sākti');
    expect(after.text).toContain('Sākti darbi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(after.text).not.toContain('<script>alert(1)');
    expect(after.text).toContain(`/uploads/${photo.thumbnail_key}`);
    expect(after.text).toContain('Paveikti 40%');

    const sent = await deliverJobs(testApp, { milestone_update: milestoneUpdateHandler });
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toBe(follower.email);
    expect(sent[0].subject).toBe('«Skatu laukums <script>alert("t")</script>»: Работы начаты');
    expect(sent[0].text).toContain('Работы начаты');
    expect(sent[0].text).toContain('Готово на 40%');
    expect(sent[0].html).not.toContain('<script>');
    expect(sent[0].text).toContain('/unsubscribe?token=');

    const audit = await testApp.db('audit_log').where({ action: 'idea.milestone_added', target_id: ideaId });
    expect(audit).toHaveLength(1);
  });

  it('a planner adds a milestone too', async () => {
    const ideaId = await acceptedIdea();
    const { agent } = await loggedInAgent(testApp.app, planner);
    const ideaPage = await agent.get(`/ideas/${ideaId}?lang=en`).expect(200);
    expect(ideaPage.text).toContain(`href="/admin/ideas/${ideaId}/milestones"`);
    await postMilestone(planner, ideaId, milestoneFields({ kind: 'budget_approved' }), 303);
    expect(await milestonesOf(ideaId)).toMatchObject([{ created_by: planner.id, kind: 'budget_approved' }]);
  });

  it('a free-text step needs its name, and shows it', async () => {
    const ideaId = await acceptedIdea('in_progress');
    const missing = await postMilestone(admin, ideaId, milestoneFields({ kind: 'other' }), 422);
    expect(missing.text).toContain('Name the step in at least one language.');
    expect(await milestonesOf(ideaId)).toHaveLength(0);
    await postMilestone(admin, ideaId, milestoneFields({ kind: 'other', label_en: 'Trees planted', progress: '' }), 303);
    const [row] = await milestonesOf(ideaId);
    expect(row).toMatchObject({ kind: 'other', label: { en: 'Trees planted' }, progress: null });
    const page = await request(testApp.app).get(`/ideas/${ideaId}?lang=en`).expect(200);
    expect(page.text).toContain('Trees planted');
  });

  it.each([
    ['dated before the idea was submitted', { happened_on: '2026-03-09' }, 'A milestone cannot be dated before the idea was submitted (2026-03-10).'],
    ['progress 101', { progress: '101' }, 'Progress must be a whole number from 0 to 100.'],
    ['progress -1', { progress: '-1' }, 'Progress must be a whole number from 0 to 100.'],
    ['progress 12.5', { progress: '12.5' }, 'Progress must be a whole number from 0 to 100.'],
    ['no text in any language', { text_lv: '', text_ru: ' ' }, 'Write what happened in at least one language.'],
    ['an impossible date', { happened_on: '2026-02-30' }, 'Enter a date as year-month-day.'],
    ['an unknown kind', { kind: 'demolished' }, 'Choose a step from the list.'],
  ])('refuses a milestone %s with a clear message, storing nothing', async (_name, fields, message) => {
    const ideaId = await acceptedIdea();
    const response = await postMilestone(moderator, ideaId, milestoneFields(fields), 422);
    expect(response.text).toContain(message);
    expect(response.text).toContain('Works started');
    expect(await milestonesOf(ideaId)).toHaveLength(0);
    expect(await testApp.db('jobs').where({ kind: 'milestone_update' }).whereRaw(`payload->>'milestoneId' is null`)).toHaveLength(0);
  });

  it.each(['new', 'under_review', 'rejected'])('refuses a milestone on an idea that is %s, in the page language', async (status) => {
    const ideaId = await acceptedIdea(status);
    const form = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${ideaId}/milestones?lang=ru`);
    expect((await form.agent.get(`/admin/ideas/${ideaId}/milestones`).expect(200)).text).not.toContain('name="happened_on"');
    const response = await uploadForm(form.agent.post(`/admin/ideas/${ideaId}/milestones`), { _csrf: form.csrf, ...milestoneFields() }).expect(422);
    expect(response.text).toContain('Этапы можно добавлять только к идее, которая принята, реализуется или реализована.');
    expect(await milestonesOf(ideaId)).toHaveLength(0);
  });

  it('stores no photo file for a refused milestone', async () => {
    const ideaId = await acceptedIdea();
    const newIdeaId = await acceptedIdea('new');
    const files = () => (fs.existsSync(testApp.config.uploadDir) ? fs.readdirSync(testApp.config.uploadDir).length : 0);
    const before = files();
    await postMilestone(moderator, ideaId, milestoneFields({ happened_on: '2020-01-01' }), 422, await jpegWithGps(400, 300));
    await postMilestone(moderator, newIdeaId, milestoneFields(), 422, await jpegWithGps(400, 300));
    expect(files()).toBe(before);
    expect(await testApp.db('idea_milestone_photos').whereIn('idea_id', [ideaId, newIdeaId])).toHaveLength(0);
  });

  it('gives a resident and a facilitator 403 (no photo read), and sends visitors to log in; nothing is stored', async () => {
    const ideaId = await acceptedIdea();
    for (const person of [resident, facilitator]) {
      const { agent, csrf } = await loggedInAgent(testApp.app, person);
      await agent.get(`/admin/ideas/${ideaId}/milestones`).expect(403);
      await uploadForm(agent.post(`/admin/ideas/${ideaId}/milestones`).attach('photos', await jpegWithGps(400, 300), 'a.jpg'), { _csrf: csrf, ...milestoneFields() }).expect(403);
      await agent.post(`/admin/ideas/${ideaId}/result-photos`).type('form').send({ _csrf: csrf, mark: 'before', photo: 'idea:1' }).expect(403);
    }
    expect((await request(testApp.app).get(`/admin/ideas/${ideaId}/milestones`).expect(303)).headers.location).toMatch(/^\/login\?next=/);
    expect(await milestonesOf(ideaId)).toHaveLength(0);
    expect(await testApp.db('idea_milestone_photos').where({ idea_id: ideaId })).toHaveLength(0);
  });

  it('before/after: staff mark an idea photo "before" and a milestone photo "after"; an implemented idea shows them side by side', async () => {
    const ideaId = await acceptedIdea('in_progress');
    const [ideaPhoto] = await testApp.db('idea_photos')
      .insert({ idea_id: ideaId, position: 0, large_key: 'before-large.jpg', thumbnail_key: 'before-thumb.jpg', width: 800, height: 600 })
      .returning('id');
    await postMilestone(moderator, ideaId, milestoneFields({ kind: 'opened', progress: '100' }), 303, await jpegWithGps(600, 400));
    const milestonePhoto = await testApp.db('idea_milestone_photos').where({ idea_id: ideaId }).first();
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${ideaId}/milestones`);

    const wrong = await agent.post(`/admin/ideas/${ideaId}/result-photos`).type('form').send({ _csrf: csrf, mark: 'after', photo: `idea:${ideaPhoto.id}` }).expect(422);
    expect(wrong.text).toContain('The &#34;after&#34; photo must be one of the milestones&#39; photos.');
    const foreign = await agent.post(`/admin/ideas/${ideaId}/result-photos`).type('form').send({ _csrf: csrf, mark: 'before', photo: 'milestone:999999' }).expect(422);
    expect(foreign.text).toContain('Choose one of this idea&#39;s photos.');
    expect(await testApp.db('idea_result_photos').where({ idea_id: ideaId })).toHaveLength(0);

    await agent.post(`/admin/ideas/${ideaId}/result-photos`).type('form').send({ _csrf: csrf, mark: 'before', photo: `idea:${ideaPhoto.id}` }).expect(303);
    await agent.post(`/admin/ideas/${ideaId}/result-photos`).type('form').send({ _csrf: csrf, mark: 'after', photo: `milestone:${milestonePhoto.id}` }).expect(303);
    expect(await testApp.db('idea_result_photos').where({ idea_id: ideaId }).orderBy('mark')).toMatchObject([
      { mark: 'after', milestone_photo_id: milestonePhoto.id, idea_photo_id: null },
      { mark: 'before', idea_photo_id: ideaPhoto.id, milestone_photo_id: null },
    ]);
    // In progress: no pair yet.
    expect((await request(testApp.app).get(`/ideas/${ideaId}?lang=en`).expect(200)).text).not.toContain('id="before-after"');
    await agent.post(`/admin/ideas/${ideaId}/status`).type('form').send({ _csrf: csrf, status: 'implemented' }).expect(303);
    const page = await request(testApp.app).get(`/ideas/${ideaId}?lang=en`).expect(200);
    expect(page.text).toContain('id="before-after"');
    expect(page.text).toContain('/uploads/before-large.jpg');
    expect(page.text).toContain(`/uploads/${milestonePhoto.large_key}`);
  });

  it('an erased staff account leaves its milestones, by "a former staff member"; My data lists a staff member’s own', async () => {
    const ideaId = await acceptedIdea();
    const leaving = await buildUser(testApp.db, { role: 'moderator', preferredLocale: 'en' });
    await postMilestone(leaving, ideaId, milestoneFields({ kind: 'planned' }), 303);
    await postMilestone(moderator, ideaId, milestoneFields({ kind: 'designed' }), 303);

    const { agent } = await loggedInAgent(testApp.app, moderator);
    const data = await agent.get(`/users/${moderator.id}/data.json`).expect(200);
    const json = JSON.parse(data.text);
    const onThisIdea = json.milestones.filter((milestone: { ideaId: number }) => milestone.ideaId === ideaId);
    expect(onThisIdea).toHaveLength(1);
    expect(onThisIdea[0]).toMatchObject({ ideaId, kind: 'designed', url: expect.stringContaining(`/ideas/${ideaId}#milestone-`) });
    expect((await agent.get(`/users/${moderator.id}/data?lang=en`).expect(200)).text).toContain('Designed');

    await eraseAccount({ db: testApp.db, storage: localDiskStorage(testApp.config.uploadDir) }, leaving.id, { removeContent: false, byAdmin: { id: admin.id, reason: 'asked' } });
    expect(await milestonesOf(ideaId)).toHaveLength(2);
    const staffPage = await agent.get(`/admin/ideas/${ideaId}/milestones?lang=en`).expect(200);
    expect(staffPage.text).toContain('Added by a former staff member');
  });

  it('removes the milestone photos’ files when an author’s erasure removes the idea with their content', async () => {
    const author = await buildUser(testApp.db, { preferredLocale: 'en' });
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, status: 'accepted', createdAt: new Date('2026-03-10T10:00:00Z') });
    await postMilestone(moderator, ideaId, milestoneFields(), 303, await jpegWithGps(400, 300));
    const photo = await testApp.db('idea_milestone_photos').where({ idea_id: ideaId }).first();
    const file = `${testApp.config.uploadDir}/${photo.large_key}`;
    expect(fs.existsSync(file)).toBe(true);
    await eraseAccount({ db: testApp.db, storage: localDiskStorage(testApp.config.uploadDir) }, author.id, { removeContent: true });
    expect(await testApp.db('ideas').where({ id: ideaId })).toHaveLength(0);
    expect(await testApp.db('idea_milestone_photos').where({ idea_id: ideaId })).toHaveLength(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  // Role × idea status × action: only planners, moderators and admins; milestones once accepted, photo marks once works began.
  const may = { add: ['accepted', 'in_progress', 'implemented'], mark: ['in_progress', 'implemented'] };
  const table: [Role, IdeaStatus, MilestoneAction, boolean][] = [];
  for (const role of roles) {
    for (const status of ideaStatuses) {
      const staff = (['planner', 'moderator', 'admin'] as Role[]).includes(role);
      table.push([role, status, 'add_milestone', staff && may.add.includes(status)]);
      table.push([role, status, 'mark_photo', staff && may.mark.includes(status)]);
    }
  }
  it.each(table)('%s on a %s idea, %s: %s', (role, status, action, allowed) => {
    expect(mayActOnMilestones(role, status, action)).toBe(allowed);
  });
  it.each([
    ['resident', 'accepted', 'add_milestone', false],
    ['facilitator', 'implemented', 'add_milestone', false],
    ['planner', 'accepted', 'add_milestone', true],
    ['moderator', 'new', 'add_milestone', false],
    ['admin', 'rejected', 'add_milestone', false],
    ['moderator', 'accepted', 'mark_photo', false],
    ['admin', 'implemented', 'mark_photo', true],
  ] as const)('spelled out: %s on a %s idea, %s: %s', (role, status, action, allowed) => {
    expect(mayActOnMilestones(role, status, action)).toBe(allowed);
  });
});
