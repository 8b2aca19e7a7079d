import request from 'supertest';
import { buildIdea } from '../factories/ideas';
import { buildUser } from '../factories/users';
import { useScene } from '../factories/scene';
import { hideIdea } from '../../server/moderation/moderation.service';
import { robotsTxt, sitemapDocuments } from '../../server/seo/sitemap';

// Three pages (nine addresses) per file: the six fixed pages, the consultation and the ideas need an index.
const { testApp, consultation, author } = useScene({ users: { author: {} }, consultation: {}, app: { sitemapUrlLimit: 9, env: { BASE_URL: 'https://kopa.example.lv/' } } });

const base = 'https://kopa.example.lv';
let published: number;
let hidden: number;
let draft: number;

beforeAll(async () => {
  published = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
  hidden = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'hidden' });
  draft = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'draft' });
});

/** Every address the sitemap lists, following the index to its parts. */
async function listedAddresses(): Promise<string[]> {
  const index = await request(testApp.app).get('/sitemap.xml').expect(200).expect('Content-Type', /application\/xml/);
  const parts = [...index.text.matchAll(/<sitemap><loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname);
  expect(parts.length).toBeGreaterThan(1);
  const addresses: string[] = [];
  for (const part of parts) {
    const answer = await request(testApp.app).get(part).expect(200);
    const locs = [...answer.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(locs.length).toBeLessThanOrEqual(9);
    addresses.push(...locs);
  }
  return addresses;
}

describe('sitemap.xml', () => {
  it('lists the public pages and published ideas in each language, split into parts past the limit', async () => {
    const addresses = await listedAddresses();
    for (const path of ['/', '/ideas', '/results', '/about', `/consultations/${consultation.id}`, `/ideas/${published}`]) {
      for (const lang of ['lv', 'ru', 'en']) expect(addresses).toContain(`${base}${path}?lang=${lang}`);
    }
    expect(addresses.join('\n')).not.toMatch(/\/admin|\/account|\/api|\/w\b|\/workshops/);
    expect(addresses).not.toContain(`${base}/ideas/${hidden}?lang=lv`);
    expect(addresses).not.toContain(`${base}/ideas/${draft}?lang=lv`);
  });

  it('names the other languages of each page, and the default address', async () => {
    const part = (await request(testApp.app).get('/sitemap-1.xml').expect(200)).text;
    expect(part).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    expect(part).toContain(`<url><loc>${base}/?lang=ru</loc><xhtml:link rel="alternate" hreflang="lv" href="${base}/?lang=lv"/>`);
    expect(part).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${base}/"/>`);
  });

  it('drops an idea that is hidden on the next request', async () => {
    const moderator = await buildUser(testApp.db, { role: 'moderator' });
    expect(await listedAddresses()).toContain(`${base}/ideas/${published}?lang=lv`);
    await hideIdea(testApp.db, moderator.id, published, 'spam');
    await testApp.changes.settled();
    expect(await listedAddresses()).not.toContain(`${base}/ideas/${published}?lang=lv`);
  });

  it('answers 404 for a part that does not exist', async () => {
    await request(testApp.app).get('/sitemap-99.xml').expect(404);
  });

  it('is one urlset below the limit, and an index of parts above it', () => {
    const pages = Array.from({ length: 5 }, (_, index) => ({ path: `/ideas/${index + 1}` }));
    expect(sitemapDocuments(base, pages, 15)).toEqual({ parts: [expect.stringContaining('<urlset')] });
    const split = sitemapDocuments(base, pages, 6);
    expect(split.parts).toHaveLength(3);
    expect(split.index).toContain(`<loc>${base}/sitemap-3.xml</loc>`);
    expect(sitemapDocuments(base, [{ path: '/?a=<&>' }]).parts[0]).toContain('/?a=&#60;&#38;&#62;?lang=lv');
  });
});

describe('robots.txt', () => {
  it('lets search engines read public pages, keeps them out of staff, account, API and workshop pages, and names the sitemap', async () => {
    const answer = await request(testApp.app).get('/robots.txt').expect(200).expect('Content-Type', /text\/plain/);
    expect(answer.text).toBe(robotsTxt(base));
    for (const path of ['/admin', '/account', '/api/', '/w']) expect(answer.text).toContain(`Disallow: ${path}\n`);
    expect(answer.text).toContain(`Sitemap: ${base}/sitemap.xml`);
    expect(answer.text).not.toMatch(/Disallow: \/ideas|Disallow: \/\n/);
  });

  it('is kept as a public answer', async () => {
    const first = await request(testApp.app).get('/robots.txt').set('Accept-Encoding', 'identity').expect(200);
    await request(testApp.app).get('/robots.txt').set('If-None-Match', first.headers.etag).set('Accept-Encoding', 'identity').expect(304);
  });
});
