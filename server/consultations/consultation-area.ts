import { check, HintError } from '@placemarkio/check-geojson';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

export type AreaResult = { area: Polygon | MultiPolygon | null } | { problem: string; detail?: string };

function geometryOf(value: { type?: string; geometry?: Geometry; features?: { geometry?: Geometry }[] }): Geometry | undefined {
  if (value.type === 'Feature') return value.geometry ?? undefined;
  if (value.type === 'FeatureCollection') return value.features?.length === 1 ? (value.features[0].geometry ?? undefined) : undefined;
  return value as Geometry;
}

const inRange = (position: number[]) => Math.abs(position[0]) <= 180 && Math.abs(position[1]) <= 90;

/**
 * A consultation's area as pasted or drawn: a GeoJSON Polygon or MultiPolygon (or a
 * Feature, or a collection of one, holding it), checked as RFC 7946 by check-geojson.
 * Empty text means no area of its own (the city bounds apply).
 */
export function parseArea(text: string | undefined): AreaResult {
  if (!text || !text.trim()) return { area: null };
  try {
    JSON.parse(text);
  } catch {
    return { problem: 'consultations:validation.areaNotJson' };
  }
  let parsed: ReturnType<typeof check>;
  try {
    parsed = check(text);
  } catch (error) {
    if (!(error instanceof HintError)) throw error;
    return { problem: 'consultations:validation.areaInvalid', detail: error.issues.map((issue) => issue.message).join(' ') };
  }
  const geometry = geometryOf(parsed as never);
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return { problem: 'consultations:validation.areaNotPolygon' };
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  if (!rings.every((ring) => ring.every(inRange))) return { problem: 'consultations:validation.areaOutOfRange' };
  return { area: geometry };
}
