import fc from 'fast-check';
import request from 'supertest';
import type { ResponseCache } from '../../server/cache/response-cache';
import { roundedBbox } from '../../server/ideas/area-cards';
import { cacheableIdeaAnswer } from '../../server/ideas/ideas.cache';
import { loggedInAgent } from '../helpers/forms';
import { buildIdea, categoryId } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp, consultation, author, resident } = useScene({ users: { author: {}, resident: {} }, consultation: {} });

/** Near the fortress, on the riverside and far away in Riga: three areas the map can show. */
const fortress = { latitude: 55.889, longitude: 26.489 };
const riverside = { latitude: 55.867, longitude: 26.53 };
const riga = { latitude: 56.95, longitude: 24.1 };
const fortressBox = 'bbox=26.48,55.88,26.50,55.90';

beforeAll(async () => {
  for (let index = 0; index < 14; index += 1) {
    await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: `Fortress idea ${index}`, category: 'heritage', ...fortress, createdAt: new Date(Date.UTC(2026, 0, 1 + index)) });
  }
  await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Riverside <b>benches</b>', category: 'green-space', status: 'accepted', ...riverside });
  await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Riga tram stop', ...riga });
  await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'Hidden fortress idea', visibility: 'hidden', ...fortress });
});

const cache = () => testApp.app.get('responseCache') as ResponseCache;
const anonymous = (path: string, language = 'en') => request(testApp.app).get(path).set('Accept-Language', language);
const cardTitles = (html: string) => [...html.matchAll(/<h3 class="idea-card-title" id="idea-card-\d+"><a class="idea-card-link" href="\/ideas\/\d+" lang="[a-z]{2}">([^<]+)<\/a>/g)].map((match) => match[1]);

describe('the cards of a map area', () => {
  it('shows up to 12 cards of the box and the filters, newest first, with the count and a link to the list', async () => {
    const answer = await anonymous(`/ideas/cards?${fortressBox}&category=heritage`).expect(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).not.toContain('<html');
    expect(cardTitles(answer.text)).toHaveLength(12);
    expect(cardTitles(answer.text)[0]).toBe('Fortress idea 13');
    expect(answer.text).toContain('14 ideas in this area.');
    expect(answer.text).toContain('data-count-text="14 ideas in this area."');
    expect(answer.text).not.toContain('Riverside');
    expect(answer.text).not.toContain('Hidden fortress idea');
    expect(answer.text).toContain('href="/ideas?category=heritage&amp;bbox=26.48%2C55.88%2C26.5%2C55.9"');

    const riversideOnly = await anonymous('/ideas/cards?bbox=26.52,55.86,26.54,55.87&status=accepted').expect(200);
    expect(cardTitles(riversideOnly.text)).toEqual(['Riverside &lt;b&gt;benches&lt;/b&gt;']);
    expect(riversideOnly.text).toContain('1 idea in this area.');
    const none = await anonymous('/ideas/cards?bbox=26.52,55.86,26.54,55.87&status=rejected', 'ru').expect(200);
    expect(none.text).toContain('В этой части карты 0 идей.');
  });

  it('reads the box in plural forms of each language', async () => {
    const latvian = await anonymous(`/ideas/cards?${fortressBox}`, 'lv').expect(200);
    expect(latvian.text).toContain('Šajā kartes daļā ir 14 idejas.');
    const russian = await anonymous('/ideas/cards?bbox=26.52,55.86,26.54,55.87', 'ru').expect(200);
    expect(russian.text).toContain('В этой части карты 1 идея.');
  });

  it('answers a pan within the same grid cell, junk parameters and another order from one cache entry', async () => {
    await anonymous('/ideas/cards?bbox=26.481,55.881,26.499,55.899&category=heritage').expect(200);
    const entries = cache().entries;
    const hits = cache().hits;
    for (const url of [
      '/ideas/cards?category=heritage&bbox=26.4812,55.8813,26.4987,55.8991',
      '/ideas/cards?bbox=26.481,55.881,26.499,55.899&category=heritage&utm_source=x&page=7&lang=en',
      '/ideas/cards?bbox=26.481,55.881,26.499,55.899&category=heritage&category=other',
    ]) {
      await anonymous(url).expect(200);
    }
    expect(cache().entries).toBe(entries);
    expect(cache().hits).toBe(hits + 3);
  });

  it('answers If-None-Match with 304', async () => {
    const first = await anonymous(`/ideas/cards?${fortressBox}`).expect(200);
    await anonymous(`/ideas/cards?${fortressBox}`).set('If-None-Match', first.headers.etag).expect(304);
  });

  it.each([
    ['reversed', 'bbox=26.5,55.9,26.4,55.8'],
    ['out of the world', 'bbox=26,55,200,56'],
    ['not numbers', 'bbox=a,b,c,d'],
    ['three numbers', 'bbox=26,55,27'],
    ['a bad filter', 'bbox=26,55,27,56&status=finished'],
    ['NUL in the search', 'bbox=26,55,27,56&q=a%00b'],
  ])('refuses a %s box with a translated 400 and keeps nothing', async (_case, query) => {
    const entries = cache().entries;
    const answer = await anonymous(`/ideas/cards?${query}`, 'lv').expect(400);
    expect(answer.text).toContain('<html lang="lv"');
    expect(cache().entries).toBe(entries);
  });

  it('answers a world-sized box like no box: every idea, one entry', async () => {
    const world = await anonymous('/ideas/cards?bbox=-180,-90,180,90').expect(200);
    expect(world.text).toContain('16 ideas found.');
    const entries = cache().entries;
    await anonymous('/ideas/cards?bbox=-179.9,-89,179.99,89.5').expect(200);
    await anonymous('/ideas/cards').expect(200);
    expect(cache().entries).toBe(entries);
  });

  it('shows a new published idea in the next anonymous fragment, in every language', async () => {
    const languages = ['lv', 'ru', 'en'];
    for (const language of languages) await anonymous('/ideas/cards?bbox=26.52,55.86,26.54,55.87', language).expect(200);
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const post = agent.post('/ideas').query({ _csrf: csrf });
    const fields: Record<string, string> = {
      consultationId: String(consultation.id),
      title: 'Jauna strūklaka krastmalā',
      description: 'Strūklaka pie upes.',
      originalLocale: 'lv',
      categoryId: String(await categoryId(testApp.db)),
      nebValues: 'together',
      latitude: String(riverside.latitude),
      longitude: String(riverside.longitude),
    };
    for (const [name, value] of Object.entries(fields)) post.field(name, value);
    await post.expect(303);
    for (const language of languages) {
      const after = await anonymous('/ideas/cards?bbox=26.52,55.86,26.54,55.87', language).expect(200);
      expect(cardTitles(after.text)[0]).toBe('Jauna strūklaka krastmalā');
    }
    const home = await anonymous('/').expect(200);
    expect(cardTitles(home.text)[0]).toBe('Jauna strūklaka krastmalā');
  });
});

describe('the normalised address of the cards', () => {
  it.each([
    ['/ideas/cards?bbox=26.4812,55.8813,26.4987,55.8991&junk=1', '/ideas/cards?bbox=26.48%2C55.88%2C26.5%2C55.9'],
    ['/ideas/cards?status=new&bbox=26.4,55.8,26.7,55.96&page=3', '/ideas/cards?status=new&bbox=26.4%2C55.8%2C26.7%2C55.96'],
    ['/ideas/cards?bbox=-180,-90,180,90&sort=newest', '/ideas/cards'],
    ['/ideas/cards?sort=supported', '/ideas/cards?sort=supported'],
  ])('%s → %s', (url, normalised) => {
    const parsed = new URL(url, 'http://kopa.invalid');
    const answer = cacheableIdeaAnswer(parsed.pathname, Object.fromEntries(parsed.searchParams));
    expect(answer).toMatchObject({ url: normalised, dependsOn: ['ideas'] });
  });

  it('widens a box to a grid that scales with it, within the world', () => {
    expect(roundedBbox([26.4812, 55.8813, 26.4987, 55.8991])).toEqual([26.48, 55.88, 26.5, 55.9]);
    expect(roundedBbox([26.53, 55.87, 26.54, 55.88])).toEqual([26.53, 55.87, 26.54, 55.88]);
    expect(roundedBbox([10, 40, 50, 70])).toEqual([10, 40, 50, 70]);
    expect(roundedBbox([-179, -80, 170, 85])).toBeUndefined();
    expect(roundedBbox([26.5, 55.9, 26.5, 55.9])).toEqual([26.5, 55.9, 26.5, 55.9]);
  });

  it('gives a rounded box back unchanged, so the route reading the normalised address gets the same box', () => {
    const coordinate = (limit: number) => fc.double({ min: -limit, max: limit, noNaN: true });
    fc.assert(
      fc.property(coordinate(180), coordinate(180), coordinate(90), coordinate(90), (lon1, lon2, lat1, lat2) => {
        const box: [number, number, number, number] = [Math.min(lon1, lon2), Math.min(lat1, lat2), Math.max(lon1, lon2), Math.max(lat1, lat2)];
        const rounded = roundedBbox(box);
        if (!rounded) return;
        expect(roundedBbox(rounded)).toEqual(rounded);
        // A value within a billionth of a step (under a centimetre) counts as on the grid already.
        expect(rounded[0]).toBeLessThanOrEqual(box[0] + 1e-6);
        expect(rounded[1]).toBeLessThanOrEqual(box[1] + 1e-6);
        expect(rounded[2]).toBeGreaterThanOrEqual(box[2] - 1e-6);
        expect(rounded[3]).toBeGreaterThanOrEqual(box[3] - 1e-6);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the home page', () => {
  it('puts the floating Propose link and the List switch with the filters over the map, and the first cards beside it', async () => {
    const page = await anonymous('/?category=heritage&status=new').expect(200);
    expect(page.text).toMatch(/<h1 class="home-title">/);
    expect(page.text).toMatch(/<p class="home-map-actions">\s*<a class="button button-primary home-propose" href="\/ideas\/new">Propose an idea<\/a>\s*<a class="button button-secondary home-list-switch" href="\/ideas\?category=heritage&amp;status=new">List<\/a>/);
    expect(page.text).toContain('data-cards-url="/ideas/cards?category=heritage&amp;status=new"');
    expect(page.text).toContain('<summary class="filters-fold-summary">Filters (2)</summary>');
    expect(page.text).toContain('<summary>About this call for ideas</summary>');
    expect(page.text).toContain('<noscript>');
    expect(cardTitles(page.text)).toHaveLength(12);
    expect(page.text).toContain('14 ideas found.');
    expect(page.text).toContain('href="/ideas?category=heritage&amp;status=new">Open these ideas as a list</a>');
    expect(page.text).not.toContain('<script>alert');
  });

  it('says only "Filters" when none is set, and counts the list page’s filters too (not its order)', async () => {
    expect((await anonymous('/').expect(200)).text).toContain('<summary class="filters-fold-summary">Filters</summary>');
    expect((await anonymous('/ideas?q=x&sort=supported', 'ru').expect(200)).text).toContain('<summary class="filters-fold-summary">Фильтры (1)</summary>');
  });
});
