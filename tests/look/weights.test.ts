import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { useScene } from '../factories/scene';
import { buildIdea } from '../factories/ideas';
import { loggedInAgent } from '../helpers/forms';

// The weight promises of issue 16, counted in bytes (no timings): a page's own scripts and
// stylesheets gzipped, the fonts its stylesheets load, and no request to another origin.
const mapPageBudget = 100 * 1024;
const otherPageBudget = 40 * 1024;
const fontBudget = 80 * 1024;
const tileServer = 'https://tiles.example.test';

const { testApp, consultation, author } = useScene({
  users: { author: {} },
  consultation: {},
  app: { env: { TILE_URL: `${tileServer}/{z}/{x}/{y}.png`, BASE_URL: 'http://kopa.test' } },
});

let ideaId: number;
beforeAll(async () => {
  ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, status: 'implemented' });
});

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag)?.slice(1).find((value) => value !== undefined);
const tagsOf = (html: string, name: string) => html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) ?? [];
const unescapeHtml = (value: string) => value.replace(/&amp;/g, '&').replace(/&#x2F;/gi, '/').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

/** Every address in the HTML that makes the browser fetch something (not links a person follows). */
function fetchedAddresses(html: string): string[] {
  const addresses: string[] = [];
  for (const name of ['script', 'img', 'iframe', 'source', 'video', 'audio', 'embed', 'object', 'input']) {
    for (const tag of tagsOf(html, name)) {
      for (const field of ['src', 'data', 'poster']) {
        const value = attribute(tag, field);
        if (value) addresses.push(value);
      }
      const srcset = attribute(tag, 'srcset');
      if (srcset) addresses.push(...srcset.split(',').map((candidate) => candidate.trim().split(/\s+/)[0]));
    }
  }
  for (const tag of tagsOf(html, 'link')) {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase();
    // alternate and canonical name pages of this site for search engines; nothing is fetched.
    if (/\b(alternate|canonical)\b/.test(rel)) continue;
    const href = attribute(tag, 'href');
    if (href) addresses.push(href);
  }
  return addresses.map(unescapeHtml);
}

const cssUrls = (css: string) => [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((match) => match[2]).filter((url) => !url.startsWith('data:'));

interface PageWeight {
  page: string;
  /** The page loads Leaflet: a map page, with the larger budget. */
  hasMap: boolean;
  scriptsAndStyles: number;
  fonts: Map<string, number>;
  foreign: string[];
}

async function weigh(page: string, path: string, agent: request.Agent | ReturnType<typeof request> = request(testApp.app)): Promise<PageWeight> {
  const response = await agent.get(path).expect(200);
  const html = response.text;
  const ownOrigin = new URL(testApp.config.baseUrl).origin;
  const foreign: string[] = [];
  const ownPath = (address: string, base = `${ownOrigin}${path}`) => {
    const url = new URL(address, base);
    if (url.origin === ownOrigin) return url.pathname + url.search;
    if (url.origin !== new URL(tileServer).origin) foreign.push(address);
    return undefined;
  };
  const fetched = fetchedAddresses(html);
  // Addresses given to the page's scripts (the tile server's among them) must be ours or the tiles'.
  for (const tag of html.match(/\sdata-[\w-]+\s*=\s*"(https?:)?\/\/[^"]*"/gi) ?? []) ownPath(unescapeHtml(tag.slice(tag.indexOf('"') + 1, -1)).replace(/\{[a-z]\}/g, '0'));

  // The home page preloads its map's scripts and runs them after its first paint (after-first-paint.js).
  const preloadedScripts = tagsOf(html, 'link').filter((tag) => /\bpreload\b/i.test(attribute(tag, 'rel') ?? '') && attribute(tag, 'as') === 'script');
  const scripts = [...tagsOf(html, 'script'), ...preloadedScripts].flatMap((tag) => attribute(tag, 'src') ?? attribute(tag, 'href') ?? []).map(unescapeHtml);
  const stylesheets = tagsOf(html, 'link')
    .filter((tag) => /\bstylesheet\b/i.test(attribute(tag, 'rel') ?? ''))
    .flatMap((tag) => attribute(tag, 'href') ?? [])
    .map(unescapeHtml);
  for (const address of fetched) ownPath(address);

  let scriptsAndStyles = 0;
  const fonts = new Map<string, number>();
  for (const address of [...scripts, ...stylesheets]) {
    const own = ownPath(address);
    if (!own) continue;
    const asset = await request(testApp.app).get(own).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect([own, asset.status]).toEqual([own, 200]);
    const body = asset.body as Buffer;
    scriptsAndStyles += gzipSync(body).length;
    if (!stylesheets.includes(address)) continue;
    for (const url of cssUrls(body.toString('utf8'))) {
      const fontPath = ownPath(url, new URL(own, ownOrigin).href);
      if (!fontPath || !/\.(woff2?|ttf|otf)(\?|$)/i.test(fontPath)) continue;
      const font = await request(testApp.app).get(fontPath).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect([fontPath, font.status]).toEqual([fontPath, 200]);
      fonts.set(fontPath, (font.body as Buffer).length);
    }
  }
  return { page, hasMap: scripts.some((src) => /leaflet/i.test(src)), scriptsAndStyles, fonts, foreign };
}

const weights: PageWeight[] = [];
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
afterAll(() => {
  if (!weights.length) return;
  const fontFiles = new Map(weights.flatMap((weight) => [...weight.fonts]));
  const fontTotal = [...fontFiles.values()].reduce((sum, size) => sum + size, 0);
  process.stdout.write(`\nPage weights (gzipped JS+CSS): ${weights.map((weight) => `${weight.page} ${kB(weight.scriptsAndStyles)}`).join(', ')}; fonts ${kB(fontTotal)} in ${fontFiles.size} files\n`);
});

describe('page weights', () => {
  // A page with a map (home, idea, results, and the submission form's point picker) may load
  // Leaflet: 100 kB. The others 40 kB. `map` says which pages must have one.
  const pages: { page: string; path: () => string; map?: true; loggedIn?: true }[] = [
    { page: 'home', path: () => '/', map: true },
    { page: 'list', path: () => '/ideas' },
    { page: 'idea', path: () => `/ideas/${ideaId}`, map: true },
    { page: 'submission', path: () => '/ideas/new', loggedIn: true },
    { page: 'results', path: () => '/results', map: true },
    { page: 'about', path: () => '/about' },
  ];

  it.each(pages)('$page: its own JS and CSS within the budget, nothing from another origin but the tiles', async ({ page, path, map, loggedIn }) => {
    const agent = loggedIn ? (await loggedInAgent(testApp.app, author)).agent : undefined;
    const weight = await weigh(page, path(), agent);
    weights.push(weight);
    expect(weight.foreign).toEqual([]);
    if (map) expect({ page, hasMap: weight.hasMap }).toEqual({ page, hasMap: true });
    expect({ page, gzipped: weight.scriptsAndStyles, withinBudget: weight.scriptsAndStyles <= (weight.hasMap ? mapPageBudget : otherPageBudget) }).toEqual({
      page,
      gzipped: weight.scriptsAndStyles,
      withinBudget: true,
    });
  });

  it('loads at most 80 kB of font files in all', () => {
    const fontFiles = new Map(weights.flatMap((weight) => [...weight.fonts]));
    const total = [...fontFiles.values()].reduce((sum, size) => sum + size, 0);
    expect({ fonts: [...fontFiles.keys()], total, withinBudget: total <= fontBudget }).toEqual({ fonts: [...fontFiles.keys()], total, withinBudget: true });
  });
});
