import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { publicDir } from '../../server/paths';
import { staticAssets } from '../../server/http/static';

const fontsDir = path.join(publicDir, 'fonts');
const css = fs.readFileSync(path.join(publicDir, 'css/main.css'), 'utf8');
const fontFiles = fs.readdirSync(fontsDir).filter((file) => file.endsWith('.woff2'));

describe('the self-hosted font', () => {
  it('is a set of hash-named woff2 files under the 80 kB budget', () => {
    expect(fontFiles.length).toBeGreaterThanOrEqual(3);
    for (const file of fontFiles) expect(file).toMatch(/^source-sans-3-[a-z]+-[0-9a-f]{10}\.woff2$/);
    const total = fontFiles.reduce((sum, file) => sum + fs.statSync(path.join(fontsDir, file)).size, 0);
    expect(total).toBeLessThanOrEqual(80 * 1024);
  });

  it('main.css refers only to font files that exist, each with swap and a unicode-range', () => {
    const faces = [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((match) => match[1]);
    expect(faces.length).toBe(fontFiles.length);
    for (const face of faces) {
      expect(face).toContain('font-display: swap');
      expect(face).toMatch(/unicode-range: U\+/);
    }
    const urls = [...css.matchAll(/url\("?([^")]+\.woff2)"?\)/g)].map((match) => match[1]);
    expect(urls.sort()).toEqual(fontFiles.map((file) => `/static/fonts/${file}`).sort());
  });

  it('is served from our origin, cached for a year as immutable', async () => {
    const app = express().use(staticAssets(false));
    const response = await request(app).get(`/static/fonts/${fontFiles[0]}`).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toBe('font/woff2');
    // Other static files keep their own caching.
    expect((await request(app).get('/static/css/main.css').expect(200)).headers['cache-control']).not.toContain('immutable');
  });
});
