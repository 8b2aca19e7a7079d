import { createHash } from 'node:crypto';
import fs from 'node:fs';
import request from 'supertest';
import { mapPosterCss, styleHashSource, worldPixel } from '../../server/http/map-poster';
import { useScene } from '../factories/scene';

const daugavpils: [number, number] = [55.8749, 26.5362];
const tileUrl = 'https://{s}.tiles.example.test/{z}/{x}/{y}.png';

/** The tiles a poster's stylesheet names, as [z, x, y] from `…/{z}/{x}/{y}.png`. */
const tilesIn = (css: string) => [...css.matchAll(/url\("[^"]*\/(\d+)\/(\d+)\/(\d+)\.png"\)/g)].map((match) => match.slice(1).map(Number));

describe('the map poster (the home map\'s first picture, before Leaflet)', () => {
  it('projects as Leaflet does (Web Mercator, 256-pixel tiles)', () => {
    expect(worldPixel([0, 0], 0)).toEqual({ x: 128, y: 128 });
    // The slippy-map tile numbers of OpenStreetMap's own formula, written the other way round.
    const [latitude, longitude] = daugavpils.map((degrees) => (degrees * Math.PI) / 180);
    const n = 2 ** 13;
    const { x, y } = worldPixel(daugavpils, 13);
    expect(x / 256).toBeCloseTo(((longitude / Math.PI + 1) / 2) * n, 6);
    expect(y / 256).toBeCloseTo(((1 - Math.asinh(Math.tan(latitude)) / Math.PI) / 2) * n, 6);
    expect(worldPixel([89, 0], 2).y).toBe(worldPixel([85.0511287798, 0], 2).y);
  });

  it('draws the tiles around the centre that a phone\'s map shows, each placed against the centre', () => {
    const css = mapPosterCss(tileUrl, daugavpils, 13)!;
    const tiles = tilesIn(css);
    expect(tiles).toContainEqual([13, 4699, 2555]);
    expect(tiles.length).toBeGreaterThanOrEqual(4);
    expect(tiles.length).toBeLessThanOrEqual(12);
    expect(new Set(tiles.map((tile) => tile.join('/'))).size).toBe(tiles.length);
    const positions = /background-position:([^;]*)/.exec(css)![1].split(',');
    expect(positions).toHaveLength(tiles.length);
    for (const position of positions) expect(position).toMatch(/^calc\(50% [+-] \d+px\) calc\(50% [+-] \d+px\)$/);
  });

  it('names the subdomain Leaflet would, so each tile is fetched once', () => {
    const css = mapPosterCss(tileUrl, daugavpils, 13)!;
    for (const match of css.matchAll(/url\("https:\/\/([abc])\.tiles\.example\.test\/13\/(\d+)\/(\d+)\.png"\)/g)) {
      expect(match[1]).toBe('abc'[(Number(match[2]) + Number(match[3])) % 3]);
    }
  });

  it('draws nothing without tiles, or with a template naming a value it cannot fill', () => {
    expect(mapPosterCss('', daugavpils, 13)).toBeNull();
    expect(mapPosterCss('https://tiles.example.test/{z}/{x}/{y}.png?key={apiKey}', daugavpils, 13)).toBeNull();
    expect(mapPosterCss(tileUrl, daugavpils, 13.5)).toBeNull();
  });

  it('keeps a quote in the configured address inside its CSS string', () => {
    const css = mapPosterCss('https://tiles.example.test/{z}/{x}/{y}.png?a="b', daugavpils, 13)!;
    expect(css).not.toContain('?a="b');
    expect(css).toContain('?a=\\22 b');
  });

  it('gives the CSP source of exactly its text', () => {
    expect(styleHashSource('a{}')).toBe(`'sha256-${createHash('sha256').update('a{}').digest('base64')}'`);
  });
});

describe('the home page with its poster', () => {
  const { testApp } = useScene({ app: { env: { TILE_URL: tileUrl } } });

  it('carries the poster\'s stylesheet, which its Content-Security-Policy allows by hash and no other inline style', async () => {
    const page = await request(testApp.app).get('/?lang=lv').expect(200);
    const styles = [...page.text.matchAll(/<style>([^<]*)<\/style>/g)].map((match) => match[1]);
    expect(styles).toHaveLength(1);
    expect(tilesIn(styles[0])).toContainEqual([13, 4699, 2555]);
    const styleSrc = /style-src ([^;]*)/.exec(page.headers['content-security-policy'])![1].split(' ');
    expect(styleSrc).toEqual(["'self'", styleHashSource(styles[0])]);
    expect(page.text).toContain('<div class="map-poster" aria-hidden="true"></div>');
  });

  it('preloads the map\'s scripts and runs them after the first paint; the list page has no poster', async () => {
    const page = (await request(testApp.app).get('/?lang=lv').expect(200)).text;
    const runner = /<script src="\/static\/js\/after-first-paint\.js" data-scripts="([^"]+)" defer><\/script>/.exec(page)!;
    const scripts = runner[1].split(' ');
    expect(scripts[0]).toMatch(/^\/static\/bundles\/leaflet\.js\?v=[0-9a-f]{10}$/);
    for (const script of scripts) expect(page).toContain(`<link rel="preload" href="${script}" as="script">`);
    const list = (await request(testApp.app).get('/ideas?lang=lv').expect(200)).text;
    expect(list).not.toContain('<style>');
    expect(list).not.toContain('map-poster');
  });

  it('serves Leaflet and its clusters\' stylesheets as one file, images addressed from where they live', async () => {
    const page = (await request(testApp.app).get('/?lang=lv').expect(200)).text;
    const address = /<link rel="stylesheet" href="(\/static\/bundles\/clustered-map\.css\?v=[0-9a-f]{10})">/.exec(page)![1];
    const css = await request(testApp.app).get(address).expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.text).toContain('.leaflet-container');
    expect(css.text).toContain('.marker-cluster-small');
    expect(css.text).toContain('url(/vendor/leaflet/images/layers.png)');
    await request(testApp.app).get('/vendor/leaflet/images/layers.png').expect(200);
    const stale = await request(testApp.app).get('/static/bundles/clustered-map.css?v=0000000000').expect(200);
    expect(stale.headers['cache-control']).toBe('no-cache');
    await request(testApp.app).get('/static/bundles/nothing.css').expect(404);
  });

  it('serves Leaflet and its clusters as they are, with the hint to compile them while they download', async () => {
    const page = (await request(testApp.app).get('/?lang=lv').expect(200)).text;
    for (const [name, file] of [['leaflet.js', 'node_modules/leaflet/dist/leaflet.js'], ['leaflet.markercluster.js', 'node_modules/leaflet.markercluster/dist/leaflet.markercluster.js']]) {
      const address = new RegExp(`/static/bundles/${name.replace(/\./g, '\\.')}\\?v=[0-9a-f]{10}`).exec(page)![0];
      const script = await request(testApp.app).get(address).set('Accept-Encoding', 'gzip').expect(200);
      expect(script.headers['content-type']).toMatch(/^text\/javascript/);
      expect(script.headers['content-encoding']).toBe('gzip');
      expect(script.headers['cache-control']).toContain('immutable');
      expect(script.text.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
      // The library itself, less its source map comment (the hint's line would put the map one line off).
      const original = fs.readFileSync(file, 'utf8');
      expect(script.text.slice('//# allFunctionsCalledOnLoad\n'.length)).toBe(original.replace(/^\/\/# sourceMappingURL=.*$/gm, ''));
      expect(script.text).not.toContain('sourceMappingURL');
    }
  });
});
