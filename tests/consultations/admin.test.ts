import { loggedInAgent } from '../helpers/forms';
import { useScene } from '../factories/scene';

const { testApp, admin, moderator } = useScene({ users: { admin: { role: 'admin' }, moderator: { role: 'moderator' } } });

const square = { type: 'Polygon', coordinates: [[[26.5, 55.86], [26.57, 55.86], [26.57, 55.9], [26.5, 55.9], [26.5, 55.86]]] };

const form = (overrides: Record<string, unknown> = {}) => ({
  slug: 'parks-2027',
  title_lv: 'Parki 2027',
  title_ru: 'Парки 2027',
  title_en: 'Parks 2027 <script>alert(1)</script>',
  description_lv: 'Apraksts',
  description_ru: 'Описание',
  description_en: 'Description',
  area: JSON.stringify({ type: 'Feature', properties: { name: 'from QGIS' }, geometry: square }),
  startsOn: '2027-01-01',
  endsOn: '2027-06-30',
  phase: 'collecting',
  moderationMode: 'pre',
  supportBudget: '5',
  supportPhases: ['collecting', 'voting'],
  ...overrides,
});

const countOf = async () => Number((await testApp.db('consultations').count({ n: '*' }))[0].n);

describe('consultations managed by admins', () => {
  it('creates one from the form with a pasted GeoJSON Feature, stores its polygon, and logs it', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/consultations/new');
    await agent.post('/admin/consultations').type('form').send({ _csrf: csrf, ...form() }).expect(303).expect('Location', '/admin/consultations');
    const row = await testApp.db('consultations').where({ slug: 'parks-2027' }).first();
    expect(row).toMatchObject({ area: square, moderation_mode: 'pre', support_budget: 5, phase: 'collecting', starts_on: '2027-01-01', support_phases: ['collecting', 'voting'] });
    expect(row.title).toEqual({ lv: 'Parki 2027', ru: 'Парки 2027', en: 'Parks 2027 <script>alert(1)</script>' });
    const list = await agent.get('/admin/consultations?lang=en').expect(200);
    expect(list.text).toContain('Parks 2027 &lt;script&gt;');
    const [entry] = await testApp.db('audit_log').where({ action: 'consultation.created', target_id: row.id });
    expect(entry).toMatchObject({ actor_id: admin.id, after: expect.objectContaining({ slug: 'parks-2027', area: square }) });
  });

  it('edits one, keeping what it was in the audit log', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/consultations/new');
    await agent.post('/admin/consultations').type('form').send({ _csrf: csrf, ...form({ slug: 'squares' }) }).expect(303);
    const { id } = await testApp.db('consultations').where({ slug: 'squares' }).first('id');
    const page = await agent.get(`/admin/consultations/${id}?lang=en`).expect(200);
    expect(page.text).toContain('value="squares"');
    await agent.post(`/admin/consultations/${id}`).type('form').send({ _csrf: csrf, ...form({ slug: 'squares', phase: 'voting', area: '', supportBudget: '' }) }).expect(303);
    expect(await testApp.db('consultations').where({ id }).first()).toMatchObject({ phase: 'voting', area: null, support_budget: null });
    const [entry] = await testApp.db('audit_log').where({ action: 'consultation.updated', target_id: id });
    expect(entry.before).toMatchObject({ phase: 'collecting', area: square });
    expect(entry.after).toMatchObject({ phase: 'voting', area: null });
  });

  it.each([
    ['an area that is not JSON', { area: '{ nope' }, 'The area is not valid JSON.'],
    ['an unclosed ring', { area: JSON.stringify({ type: 'Polygon', coordinates: [[[26.5, 55.86], [26.57, 55.86], [26.57, 55.9], [26.5, 55.9]]] }) }, 'The area is not valid GeoJSON'],
    ['a point', { area: JSON.stringify({ type: 'Point', coordinates: [26.5, 55.86] }) }, 'The area must be a Polygon or a MultiPolygon.'],
    ['latitude first', { area: JSON.stringify({ type: 'Polygon', coordinates: [[[55.86, 126.5], [55.86, 126.57], [55.9, 126.57], [55.86, 126.5]]] }) }, 'longitude first'],
    ['a missing Russian title', { title_ru: '  ' }, 'Please fill this in.'],
    ['dates in the wrong order', { startsOn: '2027-06-30', endsOn: '2027-01-01' }, 'The last day cannot be before the first day.'],
    ['an impossible date', { startsOn: '2027-02-30' }, 'Please give a date as YYYY-MM-DD.'],
    ['an unknown phase', { phase: 'forever' }, 'Please choose a phase.'],
    ['a zero budget', { supportBudget: '0' }, 'Please give a whole number from 1 to 1,000'],
    ['a slug with spaces', { slug: 'my parks' }, 'Please use 1–60 small letters'],
  ])('refuses %s with a message beside the field, storing nothing', async (_name, overrides, message) => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/consultations/new');
    const before = await countOf();
    const response = await agent.post('/admin/consultations?lang=en').type('form').send({ _csrf: csrf, ...form({ slug: 'refused', ...overrides }) }).expect(422);
    expect(response.text).toContain(message);
    expect(await countOf()).toBe(before);
  });

  it('refuses a short name another consultation has', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/consultations/new');
    await agent.post('/admin/consultations').type('form').send({ _csrf: csrf, ...form({ slug: 'twice' }) }).expect(303);
    const response = await agent.post('/admin/consultations?lang=en').type('form').send({ _csrf: csrf, ...form({ slug: 'twice' }) }).expect(422);
    expect(response.text).toContain('Another consultation already uses this short name.');
  });

  it('is for admins only: moderators get 403 and nothing is stored', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator);
    const before = await countOf();
    await agent.get('/admin/consultations').expect(403);
    await agent.get('/admin/consultations/new').expect(403);
    await agent.post('/admin/consultations').type('form').send({ _csrf: csrf, ...form({ slug: 'by-moderator' }) }).expect(403);
    expect(await countOf()).toBe(before);
  });
});
