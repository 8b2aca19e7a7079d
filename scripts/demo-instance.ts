// A Kopā with the demo content on a fresh temporary data folder, and a local placeholder tile
// server so the map is not grey and no request leaves the machine: what `npm run screenshots`
// and `npm run lighthouse` look at.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { generateSync } from 'otplib';
import { demoResidentAccount, demoStaffAccount } from '../server/seed/demo-data';
import { startServer, stopServer } from './bench-servers';
import { serverEnvironment, serverNodeFlags } from './server-node-flags';

/** Debian's Chromium and the flags that work here (STACK.md). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export { demoResidentAccount, demoStaffAccount };

const tileSize = 256;
const grounds = ['#eef2e6', '#e8f0dc', '#f1efe6', '#e3eed8'];

/** A light tile: a park-like or pale ground with faint streets, drawn once per variant. */
/** A tile drawn at twice its size, as the retina tiles a real tile server offers: sharp on a phone's screen. */
function tileSvg(variant: number): string {
  const ground = grounds[variant % grounds.length];
  const park = variant % 2 === 0 ? `<circle cx="${60 + variant * 30}" cy="${170 - variant * 25}" r="46" fill="#cfe3bf"/>` : '';
  const water = variant === 3 ? '<path d="M0 200 C 80 170, 170 230, 256 190 L 256 256 L 0 256 Z" fill="#cfe2f0"/>' : '';
  const grid = [64, 128, 192].map((at) => `<line x1="${at}" y1="0" x2="${at}" y2="256"/><line x1="0" y1="${at}" x2="256" y2="${at}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${tileSize * 2}" height="${tileSize * 2}" viewBox="0 0 256 256"><rect width="256" height="256" fill="${ground}"/>${park}${water}<g stroke="#ffffff" stroke-width="5">${grid}</g><g stroke="#d5d9cf" stroke-width="1">${grid}</g></svg>`;
}

export interface TileServer {
  /** The TILE_URL template for Kopā. */
  tileUrl: string;
  close(): Promise<void>;
}

/** Answers every /{z}/{x}/{y}.png with a placeholder tile (4 variants, chosen by x and y). */
export async function startTileServer(): Promise<TileServer> {
  const tiles = await Promise.all([0, 1, 2, 3].map((variant) => sharp(Buffer.from(tileSvg(variant))).png({ palette: true }).toBuffer()));
  const server = http.createServer((req, res) => {
    const match = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const [x, y] = [Number(match[2]), Number(match[3])];
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400', 'access-control-allow-origin': '*' });
    res.end(tiles[(x * 7 + y * 3) % tiles.length]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tileUrl: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface DemoKopa {
  baseUrl: string;
  tiles: TileServer;
  stop(): Promise<void>;
}

/** Builds nothing: run after `npm run build` (the npm scripts do). */
export async function startDemoKopa(): Promise<DemoKopa> {
  const tiles = await startTileServer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-demo-'));
  const env = { ...serverEnvironment(), DATA_DIR: dataDir, TILE_URL: tiles.tileUrl, TILE_ATTRIBUTION: 'Placeholder tiles', NODE_ENV: 'development', LOG_LEVEL: 'warn', PHOTO_STORE: 'disk' };
  let server;
  try {
    // The first start creates the database and the demo content with its photos: ~10 s.
    server = await startServer([...serverNodeFlags(), 'dist/server/main.js'], env, '/healthz');
  } catch (error) {
    await tiles.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { url, child } = server;
  return {
    baseUrl: url,
    tiles,
    async stop() {
      await stopServer(child);
      await tiles.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const csrfTokenIn = (html: string) => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1];
};
const sessionCookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((pair) => pair.startsWith('kopa.sid='));

/** The demo resident's session cookie (`kopa.sid=…`), logged in over HTTP. */
export async function residentSessionCookie(baseUrl: string): Promise<string> {
  const form = await fetch(`${baseUrl}/login`);
  const cookie = sessionCookieOf(form.headers) ?? '';
  const login = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfTokenIn(await form.text()), email: demoResidentAccount.email, password: demoResidentAccount.password }),
  });
  if (login.status !== 303) throw new Error(`the demo resident's login answered ${login.status}`);
  return sessionCookieOf(login.headers) ?? cookie;
}

/** A TOTP code for the secret, in a time step later than the one used last (the server refuses a step twice). */
export function totpCode(secret: string, afterStep: number): { code: string; step: number } {
  const step = Math.max(Math.floor(Date.now() / 30_000), afterStep + 1);
  return { code: generateSync({ secret, epoch: step * 30 }), step };
}
