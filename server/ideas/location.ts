import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';

export type Bounds = [minLon: number, minLat: number, maxLon: number, maxLat: number];

function insideBounds([minLon, minLat, maxLon, maxLat]: Bounds, latitude: number, longitude: number): boolean {
  return longitude >= minLon && longitude <= maxLon && latitude >= minLat && latitude <= maxLat;
}

/** Inside the consultation's area when it has one, else inside the city bounds. */
export function isWithinArea(area: Polygon | MultiPolygon | null, cityBounds: Bounds, latitude: number, longitude: number): boolean {
  if (area) return booleanPointInPolygon([longitude, latitude], area);
  return insideBounds(cityBounds, latitude, longitude);
}

/** i18n key of the problem with a point, or undefined when it may be used. */
export function locationProblem(area: Polygon | MultiPolygon | null, cityBounds: Bounds, latitude: number, longitude: number): string | undefined {
  if (isWithinArea(area, cityBounds, latitude, longitude)) return undefined;
  // People often type longitude first; say so instead of only "outside".
  if (Math.abs(longitude) <= 90 && isWithinArea(area, cityBounds, longitude, latitude)) return 'ideas:validation.locationSwapped';
  return area ? 'ideas:validation.outsideArea' : 'ideas:validation.outsideCity';
}
