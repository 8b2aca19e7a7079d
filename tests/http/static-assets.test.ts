import request from 'supertest';
import { useScene } from '../factories/scene';

const { testApp } = useScene();

describe('what a first page load fetches', () => {
  it('serves scripts and stylesheets compressed, fonts as they are', async () => {
    const script = await request(testApp.app).get('/vendor/leaflet/leaflet.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(script.headers['content-encoding']).toBe('gzip');
    const styles = await request(testApp.app).get('/static/css/main.css').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(styles.headers['content-encoding']).toMatch(/^(br|gzip)$/);
    const fontHref = /href="(\/static\/fonts\/source-sans-3-latin-[0-9a-f]+\.woff2)"/.exec((await request(testApp.app).get('/ideas?lang=lv').expect(200)).text)![1];
    const font = await request(testApp.app).get(fontHref).set('Accept-Encoding', 'gzip').expect(200);
    expect(font.headers['content-encoding']).toBeUndefined();
  });

  it('preloads the fonts of the page\'s language, and connects early to the tile server on map pages', async () => {
    const preloads = (html: string) => [...html.matchAll(/<link rel="preload" href="\/static\/fonts\/source-sans-3-([a-z]+)-[0-9a-f]+\.woff2" as="font" type="font\/woff2" crossorigin>/g)].map((match) => match[1]);
    const latvian = (await request(testApp.app).get('/?lang=lv').expect(200)).text;
    expect(preloads(latvian)).toEqual(['latin', 'latvian']);
    expect(latvian).toContain('<link rel="preconnect" href="https://tile.openstreetmap.org">');
    const russian = (await request(testApp.app).get('/ideas?lang=ru').expect(200)).text;
    expect(preloads(russian)).toEqual(['latin', 'latvian', 'cyrillic']);
    expect(russian).not.toContain('rel="preconnect"');
  });
});
