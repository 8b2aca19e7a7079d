import path from 'node:path';
import compression from 'compression';
import express, { Router, type RequestHandler } from 'express';
import { projectRoot, publicDir } from '../paths';
import { bundleRoute, vendorFolders } from './asset-bundles';


/** Runs `handler` only for addresses under one of `prefixes`: a page or API request skips it with one string test. */
export function onlyUnder(prefixes: readonly string[], handler: RequestHandler): RequestHandler {
  return (req, res, next) => (prefixes.some((prefix) => req.url.startsWith(prefix)) ? handler(req, res, next) : next());
}

export function staticAssets(isProduction: boolean): RequestHandler {
  const router = Router();
  // Leaflet's script is 148 kB as it is and 42 kB gzipped: on a phone's connection that is the map's first second.
  router.use(compression());
  const options = { maxAge: isProduction ? '7d' : 0, index: false, fallthrough: true };
  // Font files carry their content's hash in the name (npm run fonts): a changed font is a new address.
  router.use('/static/fonts', express.static(path.join(publicDir, 'fonts'), { maxAge: '1y', immutable: true, index: false, fallthrough: true }));
  router.use(bundleRoute());
  router.use('/static', express.static(publicDir, options));
  for (const [name, folder] of Object.entries(vendorFolders)) {
    router.use(`/vendor/${name}`, express.static(path.join(projectRoot, folder), options));
  }
  return onlyUnder(['/static/', '/vendor/'], router);
}
