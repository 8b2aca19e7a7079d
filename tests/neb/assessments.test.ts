import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildUser } from '../factories/users';
import { eraseAccount } from '../../server/account-deletion/erasure.service';
import { localDiskStorage } from '../../server/uploads/photo-storage';

const { testApp, consultation, planner, moderator, admin, resident, facilitator, author } = useScene({
  users: {
    planner: { role: 'planner', preferredLocale: 'en', displayName: 'Pia Planner' },
    moderator: { role: 'moderator', preferredLocale: 'en', displayName: 'Mo Moderator' },
    admin: { role: 'admin', preferredLocale: 'en' },
    resident: { preferredLocale: 'en' },
    facilitator: { role: 'facilitator', preferredLocale: 'en' },
    author: {},
  },
  consultation: {},
});

const elements = ['beautiful', 'sustainable', 'together', 'participatory', 'multilevel', 'transdisciplinary'] as const;

/** A full form: the levels in element order, and a justification for each. */
function assessmentForm(levels: readonly (number | string)[], justification = (element: string) => `Because ${element}`): Record<string, string> {
  const form: Record<string, string> = {};
  elements.forEach((element, index) => {
    form[`${element}Level`] = String(levels[index]);
    form[`${element}Justification`] = justification(element);
  });
  return form;
}

const assessmentsOf = (ideaId: number) => testApp.db('neb_assessments').where({ idea_id: ideaId }).orderBy('id');
const anonymousPage = (ideaId: number) => request(testApp.app).get(`/ideas/${ideaId}`).set('Accept-Language', 'en');
const newIdea = (overrides: { visibility?: string; title?: string } = {}) => buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, ...overrides });

async function assess(who: { email: string; password: string }, ideaId: number, form: Record<string, string>) {
  const { agent, csrf } = await loggedInAgent(testApp.app, who, `/admin/ideas/${ideaId}/assessment`);
  return { agent, csrf, response: await agent.post(`/admin/ideas/${ideaId}/assessment`).type('form').send({ _csrf: csrf, ...form }) };
}

describe('NEB assessments', () => {
  it('two staff assess; the staff page shows the lower median and the count; nothing is public until one publishes, and the next anonymous page then shows chart and table', async () => {
    const ideaId = await newIdea();
    expect((await anonymousPage(ideaId).expect(200)).text).not.toContain('neb-chart');

    const first = await assess(planner, ideaId, assessmentForm([3, 2, 1, 0, 2, 3], (element) => `<script>alert("${element}")</script>`));
    expect(first.response.status).toBe(303);
    const second = await assess(moderator, ideaId, assessmentForm([1, 2, 3, 0, 1, 2]));
    expect(second.response.status).toBe(303);

    const rows = await assessmentsOf(ideaId);
    expect(rows.map((row) => [row.assessor_id, row.locale, row.beautiful_level, row.published_at])).toEqual([
      [planner.id, 'en', 3, null],
      [moderator.id, 'en', 1, null],
    ]);
    const staffPage = (await second.agent.get(`/admin/ideas/${ideaId}/assessment`).expect(200)).text;
    expect(staffPage).toContain('Assessed by 2 staff members');
    expect(staffPage).toContain('&lt;script&gt;alert(&#34;beautiful&#34;)&lt;/script&gt;');
    expect(staffPage).not.toContain('<script>alert("beautiful")');
    expect(staffPage).toContain('2 assessments wait to be published.');

    // Still internal: the cached anonymous page stays without it.
    expect((await anonymousPage(ideaId).expect(200)).text).not.toContain('neb-chart');

    await second.agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: second.csrf }).expect(303);
    expect((await assessmentsOf(ideaId)).every((row) => row.published_at && row.published_by === moderator.id)).toBe(true);

    const page = (await anonymousPage(ideaId).expect(200)).text;
    expect(page).toContain('<svg class="neb-chart"');
    expect(page).toContain('Assessed by 2 staff members');
    // Lower medians: beautiful 1 of (1,3), sustainable 2, together 1 of (1,3), participatory 0, multilevel 1, transdisciplinary 2.
    const cells = [...page.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>(\d)/g)].map((match) => [match[1], Number(match[2])]);
    expect(cells).toEqual([
      ['Beautiful', 1],
      ['Sustainable', 2],
      ['Together', 1],
      ['Participatory process', 0],
      ['Multi-level engagement', 1],
      ['Transdisciplinary approach', 2],
    ]);
    // Justifications are internal.
    expect(page).not.toContain('Because beautiful');
  });

  it('publishing covers the assessments made so far; a later one waits for the next publish', async () => {
    const ideaId = await newIdea();
    const { agent, csrf } = await assess(admin, ideaId, assessmentForm([3, 3, 3, 3, 3, 3]));
    await agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await anonymousPage(ideaId)).text).toContain('Assessed by 1 staff member<');

    await assess(planner, ideaId, assessmentForm([0, 0, 0, 0, 0, 0]));
    const [published, later] = await assessmentsOf(ideaId);
    expect([Boolean(published.published_at), later.published_at]).toEqual([true, null]);
    const page = (await anonymousPage(ideaId)).text;
    expect(page).toContain('Assessed by 1 staff member<');
    expect(page).toContain('<td>3 · Level III</td>');

    await agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
    // (3, 0) → the lower median, 0.
    const after = (await anonymousPage(ideaId)).text;
    expect(after).toContain('Assessed by 2 staff members');
    expect(after).toContain('<td>0 · Not addressed</td>');
  });

  it.each([
    ['a level above the scale', assessmentForm([4, 1, 1, 1, 1, 1]), 'Choose a level: not addressed, I, II or III.'],
    ['a negative level', assessmentForm([1, -1, 1, 1, 1, 1]), 'Choose a level: not addressed, I, II or III.'],
    ['a level that is no number', assessmentForm([1, 1, 'III', 1, 1, 1]), 'Choose a level: not addressed, I, II or III.'],
    ['a fractional level', assessmentForm([1, 1, 1, 1.5, 1, 1]), 'Choose a level: not addressed, I, II or III.'],
    ['a missing level', { ...assessmentForm([1, 1, 1, 1, 1, 1]), multilevelLevel: '' }, 'Choose a level: not addressed, I, II or III.'],
    ['a justification over 1,000 characters', assessmentForm([1, 1, 1, 1, 1, 1], (element) => (element === 'together' ? 'x'.repeat(1001) : 'ok')), 'Keep the justification to 1,000 characters.'],
  ])('refuses %s with a clear message and stores nothing', async (_case, form, message) => {
    const ideaId = await newIdea();
    const { response } = await assess(planner, ideaId, form);
    expect(response.status).toBe(422);
    expect(response.text).toContain(message);
    expect(response.text).toContain('aria-invalid="true"');
    expect(await assessmentsOf(ideaId)).toHaveLength(0);
  });

  it('takes a justification of exactly 1,000 characters', async () => {
    const ideaId = await newIdea();
    expect((await assess(planner, ideaId, assessmentForm([1, 1, 1, 1, 1, 1], () => 'y'.repeat(1000)))).response.status).toBe(303);
    expect((await assessmentsOf(ideaId))[0].together_justification).toHaveLength(1000);
  });

  it.each(['hidden', 'pending'])('lets staff assess and publish a %s idea, which visitors never see', async (visibility) => {
    const ideaId = await newIdea({ visibility });
    const { agent, csrf, response } = await assess(planner, ideaId, assessmentForm([2, 2, 2, 2, 2, 2]));
    expect(response.status).toBe(303);
    await agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await assessmentsOf(ideaId)).toHaveLength(1);
    const visitor = await anonymousPage(ideaId);
    expect(visitor.status).toBe(404);
    expect(visitor.text).not.toContain('neb-chart');
    const { agent: authorAgent } = await loggedInAgent(testApp.app, author);
    expect((await authorAgent.get(`/ideas/${ideaId}`)).text).not.toContain('neb-chart');
  });

  it('does not open a draft for assessment: 404, nothing stored, no title shown', async () => {
    const ideaId = await newIdea({ visibility: 'draft', title: 'NEB draft unseen' });
    const { agent, csrf } = await loggedInAgent(testApp.app, planner, '/admin/assessments');
    const page = await agent.get(`/admin/ideas/${ideaId}/assessment`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('NEB draft unseen');
    const posted = await agent.post(`/admin/ideas/${ideaId}/assessment`).type('form').send({ _csrf: csrf, ...assessmentForm([1, 1, 1, 1, 1, 1]) });
    expect(posted.status).toBe(404);
    expect(await assessmentsOf(ideaId)).toHaveLength(0);
  });

  it.each([
    ['resident', () => resident],
    ['facilitator', () => facilitator],
  ])('answers a %s posting an assessment or publishing with 403, changing nothing', async (_role, who) => {
    const ideaId = await newIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, who());
    await agent.post(`/admin/ideas/${ideaId}/assessment`).type('form').send({ _csrf: csrf, ...assessmentForm([1, 1, 1, 1, 1, 1]) }).expect(403);
    await agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(403);
    expect(await assessmentsOf(ideaId)).toHaveLength(0);
  });

  it('refuses to publish the assessments of an idea nobody assessed, with a message, and changes nothing', async () => {
    const ideaId = await newIdea();
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${ideaId}/assessment`);
    const auditBefore = await testApp.db('audit_log').count({ n: '*' }).first();
    const response = await agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(422);
    expect(response.text).toContain('There is nothing to publish: nobody has assessed this idea since the last publish.');
    expect(await testApp.db('audit_log').count({ n: '*' }).first()).toEqual(auditBefore);
    expect((await anonymousPage(ideaId)).text).not.toContain('neb-chart');
  });

  it('draws a whole chart when every element is "not addressed"', async () => {
    const ideaId = await newIdea();
    const { agent, csrf } = await assess(planner, ideaId, assessmentForm([0, 0, 0, 0, 0, 0]));
    await agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
    const page = (await anonymousPage(ideaId)).text;
    const svg = /<svg class="neb-chart"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    expect(svg.match(/<polygon /g)).toHaveLength(4);
    expect(svg).toContain('<polygon points="240,150 240,150 240,150 240,150 240,150 240,150"');
    expect(svg.match(/<text /g)).toHaveLength(6);
    expect(page.match(/<td>0 · Not addressed<\/td>/g)).toHaveLength(6);
  });

  it('keeps an erased staff member’s assessments, as by "a former staff member"', async () => {
    const ideaId = await newIdea();
    const leaving = await buildUser(testApp.db, { role: 'planner', preferredLocale: 'en', displayName: 'Leaving Planner' });
    expect((await assess(leaving, ideaId, assessmentForm([2, 1, 0, 3, 2, 1]))).response.status).toBe(303);
    await eraseAccount({ db: testApp.db, storage: localDiskStorage(testApp.config.uploadDir) }, leaving.id, { removeContent: false });
    expect(await assessmentsOf(ideaId)).toHaveLength(1);
    const { agent } = await loggedInAgent(testApp.app, admin);
    const page = (await agent.get(`/admin/ideas/${ideaId}/assessment`).expect(200)).text;
    expect(page).toContain('By a former staff member on');
    expect(page).not.toContain('Leaving Planner');
  });

  it('links a planner from the idea page to its assessment; residents see no link', async () => {
    const ideaId = await newIdea();
    const { agent } = await loggedInAgent(testApp.app, planner);
    expect((await agent.get(`/ideas/${ideaId}`).expect(200)).text).toContain(`href="/admin/ideas/${ideaId}/assessment"`);
    const { agent: residentAgent } = await loggedInAgent(testApp.app, resident);
    expect((await residentAgent.get(`/ideas/${ideaId}`).expect(200)).text).not.toContain('/assessment"');
  });

  it('answers 404 for an idea that does not exist', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, planner);
    await agent.get('/admin/ideas/999999/assessment').expect(404);
    await agent.post('/admin/ideas/999999/assessment').type('form').send({ _csrf: csrf, ...assessmentForm([1, 1, 1, 1, 1, 1]) }).expect(404);
  });

  it('shows the help panel for every element and level in each language, and describes each radio button with its element’s level', async () => {
    const ideaId = await newIdea();
    const { agent } = await loggedInAgent(testApp.app, planner);
    const samples: Record<string, [heading: string, sustainableII: string, participatoryIII: string, notAddressed: string]> = {
      lv: ['Par JEB kompasu', 'lietusūdens paliek uz vietas', 'Iedzīvotāji dala lēmumus un atbildību', 'Ideja šo elementu neskar'],
      ru: ['О компасе НЕБ', 'дождевая вода остаётся на участке', 'Жители разделяют решения и ответственность', 'Идея не касается этого элемента'],
      en: ['About the NEB Compass', 'rainwater kept on site', 'Residents share decisions and responsibility', 'The idea does not touch on this element'],
    };
    for (const [lang, [heading, sustainableII, participatoryIII, notAddressed]] of Object.entries(samples)) {
      const page = (await agent.get(`/admin/ideas/${ideaId}/assessment?lang=${lang}`).expect(200)).text;
      expect(page).toContain(heading);
      // Four shared levels, then I, II and III for each of the six elements.
      expect(page.match(/<dt>/g)).toHaveLength(4 + 6 * 3);
      const described = (id: string) => new RegExp(`<dd id="${id}">([^<]+)</dd>`).exec(page)?.[1];
      expect(described('neb-help-sustainable-2')).toContain(sustainableII);
      expect(described('neb-help-participatory-3')).toContain(participatoryIII);
      expect(described('neb-help-level-0')).toContain(notAddressed);
      for (const element of elements) {
        expect(page).toContain(`id="${element}Level-0" name="${element}Level" value="0" aria-describedby="neb-help-level-0"`);
        for (const level of [1, 2, 3]) {
          expect(page).toContain(`id="${element}Level-${level}" name="${element}Level" value="${level}" aria-describedby="neb-help-${element}-${level}"`);
          expect(described(`neb-help-${element}-${level}`)).toBeTruthy();
        }
      }
      // Each element's texts are its own.
      const texts = elements.flatMap((element) => [1, 2, 3].map((level) => described(`neb-help-${element}-${level}`)));
      expect(new Set(texts).size).toBe(18);
    }
  });

  it('My data lists a staff member’s own assessments and no one else’s', async () => {
    const ideaId = await newIdea();
    await assess(planner, ideaId, assessmentForm([1, 2, 3, 0, 1, 2], () => 'Mine'));
    await assess(moderator, ideaId, assessmentForm([3, 3, 3, 3, 3, 3], () => 'Not mine'));
    const { agent } = await loggedInAgent(testApp.app, planner);
    const data = JSON.parse((await agent.get(`/users/${planner.id}/data.json`).expect(200)).text);
    const mine = data.nebAssessments.filter((assessment: { ideaId: number }) => assessment.ideaId === ideaId);
    expect(mine).toEqual([expect.objectContaining({ ideaId, levels: { beautiful: 1, sustainable: 2, together: 3, participatory: 0, multilevel: 1, transdisciplinary: 2 } })]);
    expect(mine[0].justifications.beautiful).toBe('Mine');
    expect(JSON.stringify(data)).not.toContain('Not mine');
    const page = (await agent.get(`/users/${planner.id}/data`).expect(200)).text;
    expect(page).toContain(`data-my-assessment="${ideaId}"`);
    expect(page).toContain('Your NEB assessments of ideas');
  });
});
