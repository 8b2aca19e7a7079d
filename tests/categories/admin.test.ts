import { loggedInAgent } from '../helpers/forms';
import { useScene } from '../factories/scene';
import { contrastWithWhite } from '../../server/categories/category-colour';

const { testApp, admin, moderator } = useScene({ users: { admin: { role: 'admin' }, moderator: { role: 'moderator' } } });

const form = (overrides: Record<string, unknown> = {}) => ({
  slug: 'water',
  name_lv: 'Ūdens',
  name_ru: 'Вода',
  name_en: 'Water <b>front</b>',
  icon: 'drop',
  color: '#0E7490',
  position: '20',
  ...overrides,
});

describe('categories managed by admins', () => {
  it('creates and edits a category with names in three languages, a shape and a colour; both are logged', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/categories/new');
    await agent.post('/admin/categories').type('form').send({ _csrf: csrf, ...form() }).expect(303);
    const row = await testApp.db('categories').where({ slug: 'water' }).first();
    expect(row).toMatchObject({ icon: 'drop', color: '#0e7490', position: 20, name: { lv: 'Ūdens', ru: 'Вода', en: 'Water <b>front</b>' } });
    expect((await agent.get('/admin/categories?lang=en').expect(200)).text).toContain('Water &lt;b&gt;front&lt;/b&gt;');
    await agent.post(`/admin/categories/${row.id}`).type('form').send({ _csrf: csrf, ...form({ icon: 'star' }) }).expect(303);
    expect((await testApp.db('categories').where({ id: row.id }).first()).icon).toBe('star');
    const actions = (await testApp.db('audit_log').where({ target_type: 'category', target_id: row.id }).orderBy('id')).map((entry) => entry.action);
    expect(actions).toEqual(['category.created', 'category.updated']);
  });

  it.each([
    ['a colour too light for the map', { color: '#ffd700' }, 'too light to see on the map'],
    ['a colour that is not one', { color: 'blue' }, 'Please choose a colour'],
    ['an unknown shape', { icon: 'unicorn' }, 'Please choose a marker shape.'],
    ['a missing name', { name_lv: '' }, 'Please give the name.'],
    ['a taken short name', { slug: 'heritage' }, 'Another category already uses this short name.'],
  ])('refuses %s, storing nothing', async (_name, overrides, message) => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/categories/new');
    const before = await testApp.db('categories').count({ n: '*' });
    const response = await agent.post('/admin/categories?lang=en').type('form').send({ _csrf: csrf, ...form({ slug: 'refused', ...overrides }) }).expect(422);
    expect(response.text).toContain(message);
    expect(await testApp.db('categories').count({ n: '*' })).toEqual(before);
  });

  it('is for admins only', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator);
    await agent.get('/admin/categories').expect(403);
    await agent.post('/admin/categories').type('form').send({ _csrf: csrf, ...form({ slug: 'mod' }) }).expect(403);
    expect(await testApp.db('categories').where({ slug: 'mod' })).toHaveLength(0);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1);
    expect(contrastWithWhite('#767676')).toBeCloseTo(4.54, 1);
  });
});
