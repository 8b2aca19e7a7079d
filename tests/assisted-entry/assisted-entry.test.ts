import request from 'supertest';
import fc from 'fast-check';
import { assistedIdeaSchema } from '../../server/assisted-entry/assisted-entry.schema';
import { deleteContactsClosedBefore } from '../../server/assisted-entry/assisted-entry.queries';
import { fieldsOf, pairsFor, urlEncoded } from '../http/fuzz-inputs';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { loggedInAgent } from '../helpers/forms';

const area = { type: 'Polygon' as const, coordinates: [[[26.45, 55.85], [26.62, 55.85], [26.62, 55.92], [26.45, 55.92], [26.45, 55.85]]] };
const { testApp, volunteer, moderator, planner, resident } = useScene({
  users: {
    volunteer: { role: 'volunteer', displayName: 'Vera Volunteer', preferredLocale: 'en' },
    moderator: { role: 'moderator', preferredLocale: 'en' },
    planner: { role: 'planner', preferredLocale: 'en' },
    resident: { role: 'resident', preferredLocale: 'en' },
  },
});

let preModerated: number;
let other: number;
let formCode: string;
let otherFormCode: string;
let categoryId: number;

async function printedFormCode(consultationId: number): Promise<string> {
  await request(testApp.app).get(`/consultations/${consultationId}/paper-form.pdf?lang=en`).expect(200);
  const grid = await testApp.db('paper_form_grids').where({ consultation_id: consultationId }).orderBy('id', 'desc').first('id');
  return `K${consultationId}-${grid.id}`;
}

beforeAll(async () => {
  preModerated = await buildConsultation(testApp.db, { area, moderationMode: 'pre' });
  other = await buildConsultation(testApp.db, { area });
  await testApp.changes.settled();
  formCode = await printedFormCode(preModerated);
  otherFormCode = await printedFormCode(other);
  categoryId = Number((await testApp.db('categories').orderBy('id').first('id')).id);
});

const fields = (overrides: Record<string, unknown> = {}) => ({
  consultationId: String(preModerated),
  channel: 'paper',
  title: 'Bench <script>alert("t")</script> by the river',
  description: '=HYPERLINK("http://evil.example") A bench for older residents',
  originalLocale: 'en',
  categoryId: String(categoryId),
  nebValues: 'together',
  formCode,
  gridSquare: 'c2',
  consent: 'yes',
  contactName: 'Olga',
  contactPhone: '+371 2000 1234',
  contactEmail: 'olga@example.lv',
  ...overrides,
});

async function ideaCount(): Promise<number> {
  return Number((await testApp.db('ideas').count({ n: '*' }))[0].n);
}

describe('entering an idea for a resident', () => {
  it('refuses bad input with localized field errors and stores nothing', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, volunteer, '/assist/ideas/new');
    const before = await ideaCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ gridSquare: 'Z99' }, 'gridSquare', 'The form’s grid has no square Z99.'],
      [{ formCode: otherFormCode }, 'formCode', 'This form belongs to another consultation.'],
      [{ formCode: 'K1-999999' }, 'formCode', 'No paper form has this code.'],
      [{ formCode: 'nonsense' }, 'formCode', 'Type the form code as printed on the form'],
      [{ consent: undefined }, 'consent', 'Tick the box once the resident has agreed'],
      [{ formCode: '', gridSquare: '', latitude: '56.5', longitude: '24.1' }, 'location', ''],
      [{ channel: 'event' }, 'eventName', 'Give the name of the event.'],
      [{ channel: 'online' }, 'channel', 'Choose how the idea came.'],
      [{ contactEmail: 'not an email' }, 'contactEmail', 'Type an email address'],
    ];
    for (const [overrides, field, message] of cases) {
      const response = await agent.post('/assist/ideas').type('form').send({ _csrf: csrf, ...fields(overrides) }).expect(422);
      expect(response.text).toContain(`id="${field}-error"`);
      if (message) expect(response.text).toContain(message);
    }
    const russian = await agent.post('/assist/ideas?lang=ru').type('form').send({ _csrf: csrf, ...fields({ consent: undefined }) }).expect(422);
    expect(russian.text).toContain('без его согласия идею нельзя сохранить');
    expect(await ideaCount()).toBe(before);
    expect(await testApp.db('assisted_contacts').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
  });

  it('stores a paper idea without author, waiting for moderation; a moderator publishes it and visitors read "submitted on paper"', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, volunteer, '/assist/ideas/new');
    await agent.post('/assist/ideas').type('form').send({ _csrf: csrf, ...fields() }).expect(303).expect('Location', '/assist/ideas/new');
    const idea = await testApp.db('ideas').orderBy('id', 'desc').first();
    expect(idea).toMatchObject({ author_id: null, channel: 'paper', visibility: 'pending', location_approximate: true, place_name: 'C2' });
    expect(Number(idea.entered_by)).toBe(volunteer.id);
    expect(idea.consent_recorded_at).not.toBeNull();
    const audit = await testApp.db('audit_log').where({ action: 'idea.entered_for_resident', target_id: idea.id }).first();
    expect(audit).toBeTruthy();
    expect(JSON.stringify(audit)).not.toContain('olga@example.lv');

    // Not yet public.
    await request(testApp.app).get(`/api/ideas/${idea.id}`).expect(404);

    const staff = await loggedInAgent(testApp.app, moderator, `/admin/ideas/${idea.id}`);
    const staffPage = await staff.agent.get(`/admin/ideas/${idea.id}`).expect(200);
    expect(staffPage.text).toContain('olga@example.lv');
    expect(staffPage.text).toContain('Vera Volunteer');
    await staff.agent.post(`/admin/ideas/${idea.id}/publish`).type('form').send({ _csrf: staff.csrf }).expect(303);

    // The next anonymous requests show it, with the channel and never the volunteer's name.
    const page = await request(testApp.app).get(`/ideas/${idea.id}?lang=en`).expect(200);
    expect(page.text).toContain('Submitted on paper');
    expect(page.text).toContain('(approximate)');
    expect(page.text).not.toContain('Vera Volunteer');
    expect(page.text).not.toContain('olga@example.lv');
    expect(page.text).not.toContain('<script>alert("t")');
    const list = await request(testApp.app).get(`/ideas?consultation=${preModerated}&lang=en`).expect(200);
    expect(list.text).toContain('Submitted on paper');
    expect(list.text).not.toContain('Vera Volunteer');
    const api = await request(testApp.app).get(`/api/ideas/${idea.id}?lang=lv`).expect(200);
    expect(api.body).toMatchObject({ author: null, channel: 'paper', submittedVia: 'Iesniegta uz papīra' });
    expect(JSON.stringify(api.body)).not.toContain('Vera');
    expect(JSON.stringify(api.body)).not.toContain('olga');
    const points = await request(testApp.app).get(`/api/ideas.geojson?consultation=${preModerated}`).expect(200);
    expect(JSON.stringify(points.body)).toContain(`${idea.id}`);
  });

  it('stores an event idea with its name, published at once in a post-moderated consultation', async () => {
    // The anonymous list and map are answered (and kept) before the idea exists.
    const listBefore = await request(testApp.app).get(`/ideas?consultation=${other}&lang=en`).expect(200);
    expect(listBefore.text).not.toContain('Submitted at an event');
    const pointsBefore = await request(testApp.app).get(`/api/ideas.geojson?consultation=${other}`).expect(200);
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, '/assist/ideas/new');
    await agent
      .post('/assist/ideas')
      .type('form')
      .send({ _csrf: csrf, ...fields({ consultationId: String(other), channel: 'event', eventName: 'Street stand', formCode: '', gridSquare: '', place: '', latitude: '55.88', longitude: '26.5', contactName: '', contactPhone: '', contactEmail: '' }) })
      .expect(303);
    const idea = await testApp.db('ideas').orderBy('id', 'desc').first();
    expect(idea).toMatchObject({ channel: 'event', event_name: 'Street stand', visibility: 'published', location_approximate: false });
    expect(await testApp.db('assisted_contacts').where({ idea_id: idea.id }).first()).toBeUndefined();
    const page = await request(testApp.app).get(`/ideas/${idea.id}?lang=en`).expect(200);
    expect(page.text).toContain('Submitted at an event: Street stand');
    const listAfter = await request(testApp.app).get(`/ideas?consultation=${other}&lang=en`).expect(200);
    expect(listAfter.text).toContain('Submitted at an event: Street stand');
    const pointsAfter = await request(testApp.app).get(`/api/ideas.geojson?consultation=${other}`).expect(200);
    expect(pointsAfter.body.features.length).toBe(pointsBefore.body.features.length + 1);
  });

  it('shows the contact to moderators only, and deletes it on request (audited), with the idea, and by maintenance', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, volunteer, '/assist/ideas/new');
    const enter = async () => {
      await agent.post('/assist/ideas').type('form').send({ _csrf: csrf, ...fields({ contactEmail: 'irina@example.lv', contactPhone: '+371 2999 8888' }) }).expect(303);
      return Number((await testApp.db('ideas').orderBy('id', 'desc').first('id')).id);
    };
    const first = await enter();
    const plannerAgent = await loggedInAgent(testApp.app, planner, `/admin/ideas/${first}`);
    const plannerPage = await plannerAgent.agent.get(`/admin/ideas/${first}`).expect(200);
    expect(plannerPage.text).not.toContain('irina@example.lv');
    await agent.get(`/admin/ideas/${first}`).expect(403);
    await agent.get('/admin/assisted-contacts?q=irina').expect(403);

    const staff = await loggedInAgent(testApp.app, moderator, '/admin/assisted-contacts');
    const found = await staff.agent.get('/admin/assisted-contacts?q=2999%20888').expect(200);
    expect(found.text).toContain('irina@example.lv');
    await staff.agent.post(`/admin/assisted-contacts/${first}/delete`).type('form').send({ _csrf: staff.csrf }).expect(303);
    expect(await testApp.db('assisted_contacts').where({ idea_id: first }).first()).toBeUndefined();
    expect(await testApp.db('audit_log').where({ action: 'assisted_contact.deleted', target_id: first }).first()).toBeTruthy();

    const second = await enter();
    await testApp.db('ideas').where({ id: second }).delete();
    expect(await testApp.db('assisted_contacts').where({ idea_id: second }).first()).toBeUndefined();

    const third = await enter();
    expect(await deleteContactsClosedBefore(testApp.db, 90)).toBe(0);
    await testApp.db('consultations').where({ id: preModerated }).update({ ends_on: '2020-06-30' });
    expect(await deleteContactsClosedBefore(testApp.db, 90)).toBeGreaterThanOrEqual(1);
    expect(await testApp.db('assisted_contacts').where({ idea_id: third }).first()).toBeUndefined();
    await testApp.db('consultations').where({ id: preModerated }).update({ ends_on: '2099-12-31' });
  });

  it('refuses residents and visitors the form', async () => {
    await request(testApp.app).get('/assist/ideas/new').expect(303);
    const { agent } = await loggedInAgent(testApp.app, resident);
    await agent.get('/assist/ideas/new').expect(403);
  });

  it('counts ideas by channel on the dashboard', async () => {
    await buildIdea(testApp.db, { consultationId: other, authorId: resident.id });
    const staff = await loggedInAgent(testApp.app, moderator, `/admin/dashboard?consultation=${other}`);
    const page = await staff.agent.get(`/admin/dashboard?consultation=${other}&lang=en`).expect(200);
    expect(page.text).toContain('By channel');
    const section = page.text.slice(page.text.indexOf('By channel'));
    expect(section).toContain('Event');
    expect(section).toContain('Online');
  });

  it('answers hostile input with the form again or a stored idea, never a 500 or a stack trace (fuzz)', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, volunteer, '/assist/ideas/new');
    const plausible: Record<string, string[]> = {
      consultationId: [String(preModerated), String(other)],
      channel: ['paper', 'phone', 'library', 'event'],
      title: ['A bench'],
      description: ['By the river'],
      categoryId: [String(categoryId)],
      nebValues: ['together', 'beautiful'],
      formCode: [formCode, otherFormCode],
      gridSquare: ['C2', 'Z9'],
      latitude: ['55.88'],
      longitude: ['26.5'],
      consent: ['yes'],
      contactEmail: ['a@example.lv'],
    };
    await fc.assert(
      fc.asyncProperty(pairsFor(fieldsOf(assistedIdeaSchema), (field) => plausible[field] ?? []), async (pairs) => {
        const before = await ideaCount();
        const response = await agent.post('/assist/ideas').type('form').send(`_csrf=${encodeURIComponent(csrf)}&${urlEncoded(pairs)}`);
        expect([303, 400, 413, 422]).toContain(response.status);
        expect(response.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
        if (response.status !== 303) expect(await ideaCount()).toBe(before);
      }),
      { numRuns: 40 },
    );
  });
});
