import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot, publicDir } from '../paths';

// Browser libraries are served from node_modules by this server: no CDN.
const vendorFolders: Record<string, string> = {
  leaflet: 'node_modules/leaflet/dist',
  'leaflet.markercluster': 'node_modules/leaflet.markercluster/dist',
  // Drawing a consultation's area (staff pages only).
  'leaflet-geoman': 'node_modules/@geoman-io/leaflet-geoman-free/dist',
};

export function staticAssets(isProduction: boolean): Router {
  const router = Router();
  const options = { maxAge: isProduction ? '7d' : 0, index: false, fallthrough: true };
  router.use('/static', express.static(publicDir, options));
  for (const [name, folder] of Object.entries(vendorFolders)) {
    router.use(`/vendor/${name}`, express.static(path.join(projectRoot, folder), options));
  }
  return router;
}
