// npm run screenshots: the README's pictures. Starts Kopā with the demo content on a fresh
// temporary data folder (tiles from a local placeholder server), logs in the demo resident and
// staff, and writes PNGs to docs/screenshots/<page>-<device>-<language>.png.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../server/paths';
import { chromiumFlags, chromiumPath, demoResidentAccount, demoStaffAccount, startDemoKopa, totpCode } from './demo-instance';

const outputDir = path.join(projectRoot, 'docs', 'screenshots');
const maxBytes = 300 * 1024;
const devices = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
} as const;
type Device = keyof typeof devices;
const languages = ['lv', 'ru'] as const;

interface Shot {
  page: string;
  device: Device;
  path: string | ((context: ShotContext) => string);
  as?: 'resident' | 'staff';
  /** The whole page down to this height, not only the first screen. */
  tallest?: number;
}

interface ShotContext {
  /** An idea written in the shot's language, with a gallery. */
  ideaPath: string;
  workshopId: string;
}

const shots: Shot[] = [
  { page: 'home', device: 'phone', path: '/' },
  { page: 'home', device: 'desktop', path: '/' },
  { page: 'list', device: 'phone', path: '/ideas' },
  { page: 'list', device: 'desktop', path: '/ideas' },
  { page: 'idea', device: 'phone', path: ({ ideaPath }) => ideaPath },
  { page: 'idea', device: 'desktop', path: ({ ideaPath }) => ideaPath, tallest: 1800 },
  { page: 'submission', device: 'phone', path: '/ideas/new', as: 'resident' },
  { page: 'moderation', device: 'desktop', path: '/admin/moderation', as: 'staff' },
  { page: 'dashboard', device: 'desktop', path: '/admin/dashboard', as: 'staff' },
  { page: 'projector', device: 'desktop', path: ({ workshopId }) => `/workshops/${workshopId}/projector`, as: 'staff' },
];

const withLanguage = (address: string, language: string) => `${address}${address.includes('?') ? '&' : '?'}lang=${language}`;

/** Opens the page and waits until its map tiles and pictures have come (a live stream never goes idle: then the load event). */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  // Fonts, and Leaflet's fade-in of the tiles.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
}

async function logIn(page: Page, baseUrl: string, account: { email: string; password: string }, totp: { secret?: string; step: number }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.locator('main form button[type=submit]').first().click()]);
  if (new URL(page.url()).pathname === '/login/two-factor' && totp.secret) {
    const { code, step } = totpCode(totp.secret, totp.step);
    totp.step = step;
    await page.locator('#code').fill(code);
    await Promise.all([page.waitForURL((url) => url.pathname !== '/login/two-factor'), page.locator('main form button[type=submit]').first().click()]);
  }
}

/** Demo staff have no second factor yet: staff pages send them to its setup, done here with the shown secret. */
async function passTwoFactorSetup(page: Page, baseUrl: string, totp: { secret?: string; step: number }): Promise<void> {
  await page.goto(`${baseUrl}/admin/moderation`);
  if (!new URL(page.url()).pathname.startsWith('/account/two-factor/setup')) return;
  totp.secret = (await page.locator('[data-totp-secret]').innerText()).replace(/\s+/g, '');
  const { code, step } = totpCode(totp.secret, totp.step);
  totp.step = step;
  await page.locator('#code').fill(code);
  // The answer is the recovery codes page, at the same address.
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').first().click()]);
  if (await page.locator('#code').count()) throw new Error('the second-factor setup refused the code');
}

/** A workshop for the projector's picture, made through the staff form as a facilitator would. */
async function createWorkshop(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/workshops/new?lang=lv`);
  await page.locator('#name').fill('Jauniešu darbnīca: Daugavas krastmala');
  await page.locator('#heldOn').fill(new Date().toISOString().slice(0, 10));
  await page.locator('#dotBudget').fill('5');
  await page.locator('#maxDotsPerIdea').fill('2');
  await page.locator('input[name=ballot]').first().check();
  await Promise.all([page.waitForURL((url) => /^\/workshops\/\d+$/.test(url.pathname)), page.locator('main form button[type=submit]').last().click()]);
  return /\/workshops\/(\d+)/.exec(page.url())![1];
}

/** A PNG small enough for the repository: palette colours (the photos dither a little), best compression. */
async function writePng(file: string, screenshot: Buffer): Promise<number> {
  let png = await sharp(screenshot).png({ compressionLevel: 9, effort: 10, palette: true, colours: 256 }).toBuffer();
  if (png.length > maxBytes) png = await sharp(screenshot).png({ compressionLevel: 9, effort: 10, palette: true, colours: 96, dither: 0.5 }).toBuffer();
  fs.writeFileSync(file, png);
  return png.length;
}

/** Per language, the first idea written in it that has two photos or more. */
async function ideasWithGalleries(baseUrl: string): Promise<Record<string, string>> {
  const map = (await (await fetch(`${baseUrl}/api/ideas.geojson`)).json()) as { features: { id: number }[] };
  const found: Record<string, string> = {};
  for (const { id } of map.features.sort((a, b) => a.id - b.id)) {
    const idea = (await (await fetch(`${baseUrl}/api/ideas/${id}`)).json()) as { originalLanguage: string; photos: unknown[] };
    if (idea.photos.length >= 2) found[idea.originalLanguage] ??= `/ideas/${id}`;
  }
  for (const language of languages) if (!found[language]) throw new Error(`no demo idea in ${language} with photos`);
  return found;
}

async function main(): Promise<void> {
  fs.mkdirSync(outputDir, { recursive: true });
  const kopa = await startDemoKopa();
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    const newContext = async (device: Device) => {
      const context = await browser!.newContext({ ...devices[device], deviceScaleFactor: 1, reducedMotion: 'reduce' });
      contexts.push(context);
      return context;
    };
    const ideaPaths = await ideasWithGalleries(kopa.baseUrl);
    const totp: { secret?: string; step: number } = { step: 0 };
    const sessions: Record<'resident' | 'staff', Partial<Record<Device, BrowserContext>>> = { resident: {}, staff: {} };
    const sessionFor = async (who: 'resident' | 'staff', device: Device) => {
      let context = sessions[who][device];
      if (!context) {
        context = await newContext(device);
        const page = await context.newPage();
        await logIn(page, kopa.baseUrl, who === 'staff' ? demoStaffAccount : demoResidentAccount, totp);
        if (who === 'staff') await passTwoFactorSetup(page, kopa.baseUrl, totp);
        await page.close();
        sessions[who][device] = context;
      }
      return context;
    };
    const staffPage = await (await sessionFor('staff', 'desktop')).newPage();
    const workshopId = await createWorkshop(staffPage, kopa.baseUrl);
    await staffPage.close();

    const anonymous: Partial<Record<Device, BrowserContext>> = {};
    for (const language of languages) {
      for (const shot of shots) {
        const context = shot.as ? await sessionFor(shot.as, shot.device) : (anonymous[shot.device] ??= await newContext(shot.device));
        const page = await context.newPage();
        const address = typeof shot.path === 'function' ? shot.path({ ideaPath: ideaPaths[language], workshopId }) : shot.path;
        await open(page, `${kopa.baseUrl}${withLanguage(address, language)}`);
        const file = path.join(outputDir, `${shot.page}-${shot.device}-${language}.png`);
        const height = shot.tallest && Math.min(shot.tallest, await page.evaluate(() => document.documentElement.scrollHeight));
        const screenshot = height ? await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: devices[shot.device].viewport.width, height } }) : await page.screenshot();
        const bytes = await writePng(file, screenshot);
        console.log(`${path.relative(projectRoot, file)}  ${Math.round(bytes / 1024)} kB${bytes > maxBytes ? '  (over 300 kB)' : ''}`);
        await page.close();
      }
    }
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await kopa.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
