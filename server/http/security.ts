import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Origins of the tile server, e.g. https://{s}.tile.example.org → https://*.tile.example.org. */
export function tileOrigin(tileUrl: string): string {
  const url = new URL(tileUrl.replace(/\{s\}/g, 'a').replace(/\{[a-z]+\}/g, '0'));
  const host = tileUrl.includes('{s}.') ? url.host.replace(/^a\./, '*.') : url.host;
  return `${url.protocol}//${host}`;
}

/**
 * Helmet's headers depend on nothing in the request here, so they are taken once from a recording
 * response and set as one list: on a cache hit helmet's dozen middleware were a tenth of the work.
 */
export type SecurityHeaders = RequestHandler & {
  /** The headers it sets, as name, value pairs: a cache hit answered before Express writes them itself. */
  headers: readonly [string, string][];
};

function precomputed(middleware: RequestHandler): SecurityHeaders {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.push([name, Array.isArray(value) ? value.join(', ') : String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  let synchronous = false;
  middleware({} as never, recorder as never, () => (synchronous = true));
  if (!synchronous) throw new Error('helmet did not finish synchronously: its headers cannot be precomputed');
  const handler: RequestHandler = (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
  return Object.assign(handler, { headers: set });
}

// No inline script anywhere, inline styles only by their hash, and no third-party origin except the configured tile server.
export function securityHeaders(tileUrl: string, isProduction: boolean, inlineStyleHashes: readonly string[] = []): SecurityHeaders {
  return precomputed(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", ...inlineStyleHashes],
        imgSrc: ["'self'", 'data:', 'blob:', tileOrigin(tileUrl)],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: isProduction ? [] : null,
      },
    },
    strictTransportSecurity: isProduction,
  }));
}
