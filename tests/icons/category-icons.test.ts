import request from 'supertest';
import { categoryIcons } from '../../server/categories/categories.schema';
import { markerCategory } from '../../server/categories/category-marker';
import { icon, iconInnerMarkup, iconOnDisc } from '../../server/icons/icons';
import { nebValueIcons } from '../../server/ideas/neb-value-icons';
import { buildIdea, categoryId } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { loggedInAgent } from '../helpers/forms';

const { testApp, consultation, admin, author } = useScene({ users: { admin: { role: 'admin' }, author: {} }, consultation: {} });

let ideaId: number;
beforeAll(async () => {
  ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Bench <script>alert("t")</script>', category: 'heritage', nebValues: ['beautiful', 'together'] });
});

const anonymous = (path: string) => request(testApp.app).get(path).expect(200);

/** A data attribute's JSON as the browser reads it (EJS escapes it for the attribute). */
function dataJson(html: string, attribute: string): unknown {
  const escaped = new RegExp(`${attribute}="([^"]*)"`).exec(html)?.[1];
  if (escaped === undefined) throw new Error(`no ${attribute} on the page`);
  const text = escaped.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return JSON.parse(text);
}

describe('the icon set', () => {
  it('has a Lucide drawing for every icon an admin may pick and every NEB value', () => {
    expect(new Set(categoryIcons).size).toBe(categoryIcons.length);
    for (const name of [...categoryIcons, ...Object.values(nebValueIcons)]) expect({ name, drawing: iconInnerMarkup(name) }).toEqual({ name, drawing: expect.stringContaining('<') });
  });

  it('draws a category as its icon in white on a disc of its colour, never with a colour it was not given', () => {
    expect(iconOnDisc('bike', '#1d4ed8')).toContain('<circle cx="16" cy="16" r="15" fill="#1d4ed8"/>');
    expect(iconOnDisc('bike', '#1d4ed8')).toContain(`stroke="#ffffff" stroke-width="2.25" stroke-linecap="round" stroke-linejoin="round">${iconInnerMarkup('bike')}</svg>`);
    expect(iconOnDisc('bike', '"><script>')).toContain('fill="#333333"');
    expect(markerCategory({ slug: 'x', icon: 'no-such-icon', color: '#000000' }, 'X').drawing).toBe(iconInnerMarkup('circle'));
  });
});

describe('category and NEB value icons on the public pages', () => {
  it.each([['/'], ['/ideas']])('%s: the filters offer each category and value with its icon beside its name', async (path) => {
    const page = (await anonymous(`${path}?lang=lv&category=heritage`)).text;
    const heritage = await testApp.db('categories').where({ slug: 'heritage' }).first();
    expect(page).toContain(`<input type="radio" id="filter-category-heritage" name="category" value="heritage" checked>`);
    expect(page).toContain(`<label for="filter-category-heritage">${icon(heritage.icon)} Kultūras mantojums</label>`);
    expect(page).toContain(`<label for="filter-value-together">${icon(nebValueIcons.together)} Kopā</label>`);
    expect(page).toMatch(/<fieldset class="field icon-filter">\s*<legend>Kategorija<\/legend>/);
  });

  it('the idea page shows its category and values with their icons beside the names, and its pin\u2019s drawing', async () => {
    const page = (await anonymous(`/ideas/${ideaId}?lang=ru`)).text;
    const heritage = await testApp.db('categories').where({ slug: 'heritage' }).first();
    expect(page).toContain(`<span class="badge badge-category category-badge category-heritage">${icon(heritage.icon)} Культурное наследие</span>`);
    expect(page).toContain(`<strong lang="ru">${icon(nebValueIcons.beautiful)} Красиво</strong>`);
    expect(page).toContain(`<strong lang="ru">${icon(nebValueIcons.together)} Вместе</strong>`);
    expect(dataJson(page, 'data-category')).toEqual(markerCategory(heritage, 'Культурное наследие'));
    expect(page).not.toContain('<script>alert');
  });

  it('the submission form offers each category and value with its icon beside its name', async () => {
    const { agent } = await loggedInAgent(testApp.app, author);
    const page = (await agent.get('/ideas/new?lang=en').expect(200)).text;
    const green = await testApp.db('categories').where({ slug: 'green-space' }).first();
    expect(page).toMatch(/<legend>[^<]+<\/legend>\s*<div class="icon-choices">/);
    expect(page).toContain(`<label for="categoryId-${green.id}">${icon(green.icon)} Green spaces</label>`);
    expect(page).toContain(`<label for="neb-sustainable">${icon(nebValueIcons.sustainable)} Sustainable</label>`);
  });

  it('shows a changed icon and name on the pins of the next anonymous map and idea page', async () => {
    await anonymous('/?lang=en');
    await anonymous(`/ideas/${ideaId}?lang=en`);
    const id = await categoryId(testApp.db, 'heritage');
    const { agent, csrf } = await loggedInAgent(testApp.app, admin, `/admin/categories/${id}`);
    await agent
      .post(`/admin/categories/${id}`)
      .type('form')
      .send({ _csrf: csrf, slug: 'heritage', name_lv: 'Pilis', name_ru: 'Замки', name_en: 'Castles <i>old</i>', icon: 'church', color: '#7c2d12', position: '3' })
      .expect(303);
    const expected = { slug: 'heritage', name: 'Castles <i>old</i>', icon: 'church', color: '#7c2d12', drawing: iconInnerMarkup('church') };
    const map = (await anonymous('/?lang=en')).text;
    expect(dataJson(map, 'data-categories')).toContainEqual(expected);
    expect(map).toContain(`<label for="filter-category-heritage">${icon('church')} Castles &lt;i&gt;old&lt;/i&gt;</label>`);
    expect(dataJson((await anonymous(`/ideas/${ideaId}?lang=en`)).text, 'data-category')).toEqual(expected);
  });
});
