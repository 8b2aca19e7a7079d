import { createHash } from 'node:crypto';

/**
 * A map's first picture drawn by the page itself: the tiles around its centre as background
 * images of one element under the home map (views/ideas/home.ejs), so a phone shows the city
 * at first paint instead of after Leaflet has loaded and run. Leaflet's own tiles cover it and
 * map-common.js removes it once they have loaded. The projection and the tile addresses are
 * Leaflet's defaults (Web Mercator, subdomains a–c), so the two pictures are the same within a
 * pixel and the browser fetches each tile once.
 */
export interface MapPosterTile {
  href: string;
  /** The tile's top-left corner relative to the map's centre, in CSS pixels. */
  x: number;
  y: number;
}

const tileSize = 256;
const maxLatitude = 85.0511287798;
const subdomains = 'abc';
/** The area around the centre the poster covers: a phone's map, so no tile is fetched that Leaflet would not show there. */
const halfWidth = 210;
const halfHeight = 320;

/** The pixel of a point in the whole world's picture at `zoom`, as Leaflet projects it (EPSG:3857). */
export function worldPixel([latitude, longitude]: readonly [number, number], zoom: number): { x: number; y: number } {
  const worldSize = tileSize * 2 ** zoom;
  const sin = Math.sin((Math.max(-maxLatitude, Math.min(maxLatitude, latitude)) * Math.PI) / 180);
  return {
    x: ((longitude + 180) / 360) * worldSize,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * worldSize,
  };
}

/** A tile's address from the TILE_URL template, or null when it names a value Leaflet's defaults do not fill. */
function tileHref(template: string, zoom: number, x: number, y: number): string | null {
  const values: Record<string, string> = { s: subdomains[Math.abs(x + y) % subdomains.length], z: String(zoom), x: String(x), y: String(y), r: '' };
  let unknown = false;
  const href = template.replace(/\{ *([\w_-]+) *\}/g, (_whole, key: string) => {
    if (key in values) return values[key];
    unknown = true;
    return '';
  });
  return unknown ? null : href;
}

function posterTiles(tileUrl: string, center: readonly [number, number], zoom: number): MapPosterTile[] {
  if (!tileUrl || !Number.isInteger(zoom) || zoom < 0) return [];
  const pixel = worldPixel(center, zoom);
  const centerX = Math.round(pixel.x);
  const centerY = Math.round(pixel.y);
  const tilesAcross = 2 ** zoom;
  const tiles: MapPosterTile[] = [];
  const first = (value: number) => Math.floor(value / tileSize);
  for (let tileY = Math.max(0, first(centerY - halfHeight)); tileY <= Math.min(tilesAcross - 1, first(centerY + halfHeight - 1)); tileY += 1) {
    for (let tileX = Math.max(0, first(centerX - halfWidth)); tileX <= Math.min(tilesAcross - 1, first(centerX + halfWidth - 1)); tileX += 1) {
      const href = tileHref(tileUrl, zoom, tileX, tileY);
      if (href === null) return [];
      tiles.push({ href, x: tileX * tileSize - centerX, y: tileY * tileSize - centerY });
    }
  }
  return tiles;
}

/** A CSS string; the tile address is configuration, so quotes, backslashes and line breaks are escaped. */
function cssUrl(href: string): string {
  return `url("${href.replace(/[\\"\n\r]/g, (character) => `\\${character.charCodeAt(0).toString(16)} `)}")`;
}

/**
 * The stylesheet that draws the poster of a map at `center` and `zoom` on `.map-poster`, or null
 * without tiles. It goes in the page as it is: the Content-Security-Policy allows it by its hash.
 */
export function mapPosterCss(tileUrl: string, center: readonly [number, number], zoom: number): string | null {
  const tiles = posterTiles(tileUrl, center, zoom);
  if (!tiles.length) return null;
  // A background's 50 % puts the image's middle on the element's middle: the tile's corner is half a tile further.
  const offset = (pixels: number) => `calc(50% ${pixels + tileSize / 2 < 0 ? '-' : '+'} ${Math.abs(pixels + tileSize / 2)}px)`;
  return `.map-poster{background-image:${tiles.map((tile) => cssUrl(tile.href)).join(',')};` +
    `background-position:${tiles.map((tile) => `${offset(tile.x)} ${offset(tile.y)}`).join(',')};background-repeat:no-repeat}`;
}

/** The Content-Security-Policy source that allows exactly this inline stylesheet. */
export function styleHashSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}
