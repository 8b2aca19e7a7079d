import request from 'supertest';
import { buildIdea } from '../factories/ideas';
import { buildPhoto } from '../factories/photos';
import { useScene } from '../factories/scene';
import { shareLinksOf } from '../../server/ideas/share-links';
import { summaryOf } from '../../server/http/page-meta';

const base = 'https://kopa.example.lv';
const { testApp, consultation, author } = useScene({ users: { author: {} }, consultation: {}, app: { env: { BASE_URL: base } } });

// Every character that breaks an attribute, a URL or a query, and Cyrillic.
const trickyTitle = `Скамейка "<у реки>" & 'кафе' #1?`;
let withPhotos: number;
let withoutPhotos: number;
let photos: { largeKey: string; thumbnailKey: string }[];

beforeAll(async () => {
  withPhotos = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: trickyTitle, description: `Первая строка.\n\n${'Длинное описание '.repeat(30)}<script>x</script>` });
  photos = [await buildPhoto(testApp.db, testApp.config.uploadDir, withPhotos), await buildPhoto(testApp.db, testApp.config.uploadDir, withPhotos)];
  withoutPhotos = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, supportCount: 1, commentCount: 5 });
});

const page = async (url: string) => (await request(testApp.app).get(url).expect(200)).text;
/** The content of a <meta> (by name or property) as the browser reads it, entities decoded. */
const metaContent = (html: string, key: string) => {
  const match = new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)">`).exec(html);
  return match && decodeEntities(match[1]);
};
const decodeEntities = (text: string) =>
  text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const headOf = (html: string) => html.slice(0, html.indexOf('</head>'));

describe('meta tags of an idea page', () => {
  it('describe the idea for link previews, escaped, with the first photo as an absolute address', async () => {
    const html = await page(`/ideas/${withPhotos}?lang=ru`);
    const head = headOf(html);
    expect(head).not.toContain('<у реки>');
    expect(head).not.toContain('<script>');
    expect(metaContent(head, 'og:title')).toBe(trickyTitle);
    expect(metaContent(head, 'twitter:title')).toBe(trickyTitle);
    expect(metaContent(head, 'og:type')).toBe('article');
    expect(metaContent(head, 'og:locale')).toBe('ru_RU');
    expect(metaContent(head, 'og:url')).toBe(`${base}/ideas/${withPhotos}?lang=ru`);
    expect(metaContent(head, 'og:image')).toBe(`${base}/uploads/${photos[0].largeKey}`);
    expect(metaContent(head, 'twitter:card')).toBe('summary_large_image');
    const description = metaContent(head, 'description')!;
    expect(description.startsWith('Первая строка. Длинное описание')).toBe(true);
    expect(description.length).toBeLessThanOrEqual(200);
    expect(metaContent(head, 'og:description')).toBe(description);
  });

  it('have no image without a photo, and a small card', async () => {
    const head = headOf(await page(`/ideas/${withoutPhotos}`));
    expect(head).not.toContain('og:image');
    expect(metaContent(head, 'twitter:card')).toBe('summary');
  });

  it('name the canonical address and the page in each language, on idea pages and other public pages', async () => {
    for (const [path, lang] of [[`/ideas/${withPhotos}`, 'lv'], ['/ideas?lang=en', 'en'], ['/about?lang=ru', 'ru'], ['/', 'lv']] as const) {
      const head = headOf(await page(path));
      const plain = path.replace(/[?&]lang=\w\w/, '');
      const separator = plain.includes('?') ? '&' : '?';
      expect(head).toContain(`<link rel="canonical" href="${base}${plain}${separator}lang=${lang}">`);
      for (const code of ['lv', 'ru', 'en']) expect(head).toContain(`<link rel="alternate" hreflang="${code}" href="${base}${plain}${separator}lang=${code}">`);
      expect(head).toContain(`<link rel="alternate" hreflang="x-default" href="${base}${plain}">`);
      expect(metaContent(head, 'description')).toBeTruthy();
    }
    // Pages other than an idea's have no link preview of their own.
    expect(headOf(await page('/ideas'))).not.toContain('og:title');
  });
});

describe('the idea page', () => {
  it('shows the photos as thumbnails linking to the full size (a gallery without JavaScript)', async () => {
    const html = await page(`/ideas/${withPhotos}`);
    for (const photo of photos) expect(html).toMatch(new RegExp(`<a href="/uploads/${photo.largeKey}" data-gallery-item[^>]*><img src="/uploads/${photo.thumbnailKey}" alt="[^"]+" width="800" height="600" loading="lazy"></a>`));
    expect(html).toContain('<dialog class="gallery-dialog"');
    // Preloaded, and run after the first paint with the map's scripts (public/js/after-first-paint.js).
    expect(html).toContain('<link rel="preload" href="/static/js/idea-page.js" as="script">');
    expect(html).toMatch(/<script src="\/static\/js\/after-first-paint\.js" data-scripts="[^"]*\/static\/js\/idea-page\.js[^"]*" defer><\/script>/);
  });

  it('shows the counts once, with plurals, beside the support button, and the status as a badge', async () => {
    const html = await page(`/ideas/${withoutPhotos}?lang=ru`);
    expect(html).toContain('<span class="support-count" data-support-count>1 голос в поддержку</span> <a class="comment-count" href="#comments">5 комментариев</a>');
    expect(html).not.toMatch(/<dt>[^<]*(Поддерж|Коммент)/);
    expect(html).toContain('<span class="badge badge-status badge-status-new">');
  });

  it('shares the idea with plain links, every text URL-encoded and HTML-escaped', async () => {
    const html = await page(`/ideas/${withPhotos}`);
    const url = `${base}/ideas/${withPhotos}`;
    const share = html.slice(html.indexOf('<section class="share"'), html.indexOf('</section>', html.indexOf('<section class="share"')));
    expect(share).toContain(`data-copy-link="${url}"`);
    expect(share).toMatch(/<p class="share-copy" hidden data-copy-link-area>/);
    const hrefs = [...share.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs.map(decodeEntities)).toEqual(shareLinksOf(trickyTitle, url).map((link) => link.href));
    for (const href of hrefs) expect(href).not.toMatch(/[<>"' ]|#1|Скам/);
    expect(share).not.toMatch(/<script|facebook\.net|platform\.twitter|connect\./);
  });
});

describe('share links and summaries', () => {
  it('encode the title and the address for each service', () => {
    const links = Object.fromEntries(shareLinksOf('A "b" & c #?', 'https://x.lv/ideas/1').map((link) => [link.service, link.href]));
    expect(links).toEqual({
      email: 'mailto:?subject=A%20%22b%22%20%26%20c%20%23%3F&body=A%20%22b%22%20%26%20c%20%23%3F%0Ahttps%3A%2F%2Fx.lv%2Fideas%2F1',
      whatsapp: 'https://wa.me/?text=A%20%22b%22%20%26%20c%20%23%3F%20https%3A%2F%2Fx.lv%2Fideas%2F1',
      telegram: 'https://t.me/share/url?url=https%3A%2F%2Fx.lv%2Fideas%2F1&text=A%20%22b%22%20%26%20c%20%23%3F',
      facebook: 'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fx.lv%2Fideas%2F1',
    });
  });

  it('cut a description at a word, on one line', () => {
    expect(summaryOf('  short\n text ')).toBe('short text');
    expect(summaryOf('word '.repeat(100), 20)).toBe('word word word word…');
  });
});
