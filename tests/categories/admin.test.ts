import { loggedInAgent } from '../helpers/forms';
import { useScene } from '../factories/scene';
import { contrastWithWhite } from '../../server/categories/category-colour';
import { categoryIcons } from '../../server/categories/categories.schema';
import { iconInnerMarkup } from '../../server/icons/icons';
import russianCategories from '../../locales/ru/categories.json';

const { testApp, admin, moderator } = useScene({ users: { admin: { role: 'admin' }, moderator: { role: 'moderator' } } });

const form = (overrides: Record<string, unknown> = {}) => ({
  slug: 'water',
  name_lv: 'Ūdens',
  name_ru: 'Вода',
  name_en: 'Water <b>front</b>',
  icon: 'waves',
  color: '#0E7490',
  position: '20',
  ...overrides,
});

describe('categories managed by admins', () => {
  it('creates and edits a category with names in three languages, an icon and a colour; both are logged', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/categories/new');
    await agent.post('/admin/categories').type('form').send({ _csrf: csrf, ...form() }).expect(303);
    const row = await testApp.db('categories').where({ slug: 'water' }).first();
    expect(row).toMatchObject({ icon: 'waves', color: '#0e7490', position: 20, name: { lv: 'Ūdens', ru: 'Вода', en: 'Water <b>front</b>' } });
    expect((await agent.get('/admin/categories?lang=en').expect(200)).text).toContain('Water &lt;b&gt;front&lt;/b&gt;');
    await agent.post(`/admin/categories/${row.id}`).type('form').send({ _csrf: csrf, ...form({ icon: 'fish' }) }).expect(303);
    expect((await testApp.db('categories').where({ id: row.id }).first()).icon).toBe('fish');
    const actions = (await testApp.db('audit_log').where({ target_type: 'category', target_id: row.id }).orderBy('id')).map((entry) => entry.action);
    expect(actions).toEqual(['category.created', 'category.updated']);
  });

  it.each([
    ['a colour too light for the map', { color: '#ffd700' }, 'too light to see on the map'],
    ['a colour that is not one', { color: 'blue' }, 'Please choose a colour'],
    ['an unknown icon', { icon: 'unicorn' }, 'Please choose an icon from the list.'],
    ['an icon that exists but is not on the list', { icon: 'skull' }, 'Please choose an icon from the list.'],
    ['a former marker shape', { icon: 'star' }, 'Please choose an icon from the list.'],
    ['a missing name', { name_lv: '' }, 'Please give the name.'],
    ['a taken short name', { slug: 'heritage' }, 'Another category already uses this short name.'],
  ])('refuses %s, storing nothing', async (_name, overrides, message) => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, '/admin/categories/new');
    const before = await testApp.db('categories').count({ n: '*' });
    const response = await agent.post('/admin/categories?lang=en').type('form').send({ _csrf: csrf, ...form({ slug: 'refused', ...overrides }) }).expect(422);
    expect(response.text).toContain(message);
    expect(await testApp.db('categories').count({ n: '*' })).toEqual(before);
  });

  it('offers the icons as radio buttons, each drawn beside its name, in a fieldset with a legend; the current one is checked', async () => {
    const { agent } = await loggedInAgent(testApp.app, admin);
    const id = (await testApp.db('categories').where({ slug: 'heritage' }).first()).id as number;
    await testApp.db('categories').where({ id }).update({ icon: 'castle' });
    const page = (await agent.get(`/admin/categories/${id}?lang=lv`).expect(200)).text;
    const picker = page.slice(page.indexOf('<fieldset class="field icon-picker"'), page.indexOf('</fieldset>'));
    expect(picker).toContain('<legend>Ikona</legend>');
    expect(picker.match(/type="radio"/g)).toHaveLength(categoryIcons.length);
    for (const name of categoryIcons) expect(picker).toMatch(new RegExp(`<input type="radio" id="icon-${name}" name="icon" value="${name}"[^>]*>\\s*<label for="icon-${name}"><svg class="icon"[^]*?</svg> [^<]+</label>`));
    expect(picker).toMatch(/id="icon-castle" name="icon" value="castle" checked>/);
    expect(picker).toContain('</svg> Pils</label>');
    expect(picker.match(/ checked/g)).toHaveLength(1);
    expect(picker).not.toContain('<select');
  });

  it('shows each category in the list with its icon on its colour and the icon\u2019s name', async () => {
    const { agent } = await loggedInAgent(testApp.app, admin);
    const page = (await agent.get('/admin/categories?lang=ru').expect(200)).text;
    const row = page.slice(page.indexOf('>Культурное наследие<'), page.indexOf('</tr>', page.indexOf('>Культурное наследие<')));
    const { icon, color } = await testApp.db('categories').where({ slug: 'heritage' }).first();
    expect(row).toContain(`<circle cx="16" cy="16" r="15" fill="${color}"/>`);
    expect(row).toContain(iconInnerMarkup(icon));
    expect(row).toContain(`</svg> ${russianCategories.icons[icon as keyof typeof russianCategories.icons]}</span>`);
  });

  it('refuses an unknown icon on an edit in the visitor\u2019s language and changes nothing', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, admin);
    const before = await testApp.db('categories').where({ slug: 'heritage' }).first();
    const response = await agent
      .post(`/admin/categories/${before.id}?lang=lv`)
      .type('form')
      .send({ _csrf: csrf, ...form({ slug: 'heritage', name_en: 'Renamed', icon: '../../package' }) })
      .expect(422);
    expect(response.text).toContain('<p class="field-error" id="icon-error">Lūdzu, izvēlieties ikonu no saraksta.</p>');
    expect(response.text).toContain('aria-describedby="icon-hint icon-error"');
    expect(response.text).toContain(`<a href="#icon-${categoryIcons[0]}">Lūdzu, izvēlieties ikonu no saraksta.</a>`);
    expect(await testApp.db('categories').where({ id: before.id }).first()).toEqual(before);
    expect(await testApp.db('audit_log').where({ target_type: 'category', target_id: before.id })).toHaveLength(0);
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
