import { bundleAddress } from './asset-bundles';

/**
 * The stylesheets and scripts of a page with a map, in the order they must load: Leaflet
 * (with marker clusters or shape drawing when asked), the shared map code, then the page's
 * own files from public/js/. Spread into the render locals: `...mapAssets(['idea-map.js'])`.
 */
export function mapAssets(pageScripts: string[], options: { cluster?: boolean; draw?: boolean; styles?: string[] } = {}): { styles: string[]; scripts: string[] } {
  return {
    styles: [
      ...(options.styles ?? []),
      // One stylesheet for Leaflet and its clusters: one render-blocking request less (asset-bundles.ts).
      options.cluster ? bundleAddress('clustered-map.css') : '/vendor/leaflet/leaflet.css',
      ...(options.draw ? ['/vendor/leaflet-geoman/leaflet-geoman.css'] : []),
    ],
    scripts: [
      '/vendor/leaflet/leaflet.js',
      ...(options.cluster ? ['/vendor/leaflet.markercluster/leaflet.markercluster.js'] : []),
      ...(options.draw ? ['/vendor/leaflet-geoman/leaflet-geoman.min.js'] : []),
      '/static/js/map-common.js',
      ...pageScripts.map((file) => `/static/js/${file}`),
    ],
  };
}
