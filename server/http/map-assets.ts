import { bundleAddress } from './asset-bundles';

/**
 * The stylesheets and scripts of a page with a map, in the order they must load: Leaflet
 * (with marker clusters or shape drawing when asked), the shared map code, then the page's
 * own files from public/js/. Spread into the render locals: `...mapAssets(['idea-map.js'])`.
 */
export function mapAssets(
  pageScripts: string[],
  options: { cluster?: boolean; draw?: boolean; styles?: string[]; whenNear?: string } = {},
): { styles: string[]; scripts: string[]; scriptsWhenNear?: string } {
  return {
    // A map further down a page: its scripts run only when that part comes near the screen (public/js/after-first-paint.js).
    ...(options.whenNear ? { scriptsWhenNear: options.whenNear } : {}),
    styles: [
      ...(options.styles ?? []),
      // One stylesheet for Leaflet and its clusters: one render-blocking request less (asset-bundles.ts).
      options.cluster ? bundleAddress('clustered-map.css') : '/vendor/leaflet/leaflet.css',
      ...(options.draw ? ['/vendor/leaflet-geoman/leaflet-geoman.css'] : []),
    ],
    scripts: [
      // Leaflet and its clusters with the browser's hint to compile them while they download (asset-bundles.ts).
      bundleAddress('leaflet.js'),
      ...(options.cluster ? [bundleAddress('leaflet.markercluster.js')] : []),
      ...(options.draw ? ['/vendor/leaflet-geoman/leaflet-geoman.min.js'] : []),
      '/static/js/map-common.js',
      ...pageScripts.map((file) => `/static/js/${file}`),
    ],
  };
}
