import type { MultiPolygon, Polygon } from 'geojson';

/** A rectangle of longitude/latitude cut into lettered columns (A, B, …, west to east) and numbered rows (1, 2, …, north to south). */
export interface Grid {
  west: number;
  south: number;
  east: number;
  north: number;
  columns: number;
  rows: number;
}

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

const metresPerDegreeLatitude = 110_540;
const metresPerDegreeLongitude = (latitude: number) => 111_320 * Math.cos((latitude * Math.PI) / 180);
/** The longer side of the area gets this many squares: large enough to print legibly on A4, fine enough to find a street. */
const squaresOnLongerSide = 8;

export function boundsOfArea(area: Polygon | MultiPolygon): Bounds {
  const rings = area.type === 'Polygon' ? area.coordinates : area.coordinates.flat();
  const points = rings.flat();
  return {
    west: Math.min(...points.map(([longitude]) => longitude)),
    east: Math.max(...points.map(([longitude]) => longitude)),
    south: Math.min(...points.map(([, latitude]) => latitude)),
    north: Math.max(...points.map(([, latitude]) => latitude)),
  };
}

/** Bounds around points (the places, when a consultation has no area), with a margin so no point sits on the edge. */
export function boundsAround(points: { latitude: number; longitude: number }[], marginDegrees = 0.005): Bounds {
  return {
    west: Math.min(...points.map((point) => point.longitude)) - marginDegrees,
    east: Math.max(...points.map((point) => point.longitude)) + marginDegrees,
    south: Math.min(...points.map((point) => point.latitude)) - marginDegrees,
    north: Math.max(...points.map((point) => point.latitude)) + marginDegrees,
  };
}

const roundTo = (value: number, digits: number) => Number(value.toFixed(digits));

/** Square cells (in metres) covering the bounds, centred on them. */
export function gridCovering(bounds: Bounds): Grid {
  const middleLatitude = (bounds.south + bounds.north) / 2;
  const widthMetres = Math.max((bounds.east - bounds.west) * metresPerDegreeLongitude(middleLatitude), 1);
  const heightMetres = Math.max((bounds.north - bounds.south) * metresPerDegreeLatitude, 1);
  const cellMetres = Math.max(widthMetres, heightMetres) / squaresOnLongerSide;
  const columns = Math.max(1, Math.ceil(widthMetres / cellMetres - 1e-9));
  const rows = Math.max(1, Math.ceil(heightMetres / cellMetres - 1e-9));
  const halfWidthDegrees = (columns * cellMetres) / metresPerDegreeLongitude(middleLatitude) / 2;
  const halfHeightDegrees = (rows * cellMetres) / metresPerDegreeLatitude / 2;
  const centreLongitude = (bounds.west + bounds.east) / 2;
  return {
    west: roundTo(centreLongitude - halfWidthDegrees, 6),
    east: roundTo(centreLongitude + halfWidthDegrees, 6),
    south: roundTo(middleLatitude - halfHeightDegrees, 6),
    north: roundTo(middleLatitude + halfHeightDegrees, 6),
    columns,
    rows,
  };
}

export const columnLetter = (column: number) => String.fromCharCode(65 + column);
export const squareName = (column: number, row: number) => `${columnLetter(column)}${row + 1}`;

/** The square a point lies in ("C4"), or null outside the grid. */
export function squareOfPoint(grid: Grid, point: { latitude: number; longitude: number }): string | null {
  const column = Math.floor(((point.longitude - grid.west) / (grid.east - grid.west)) * grid.columns);
  const row = Math.floor(((grid.north - point.latitude) / (grid.north - grid.south)) * grid.rows);
  if (column < 0 || column >= grid.columns || row < 0 || row >= grid.rows) return null;
  return squareName(column, row);
}

/** The centre of a square written as on the form ("c4", " C 4 "), or null when the grid has no such square. */
export function centreOfSquare(grid: Grid, written: string): { latitude: number; longitude: number } | null {
  const match = /^([A-Za-z])\s*(\d{1,2})$/.exec(written.trim());
  if (!match) return null;
  const column = match[1].toUpperCase().charCodeAt(0) - 65;
  const row = Number(match[2]) - 1;
  if (column >= grid.columns || row < 0 || row >= grid.rows) return null;
  return {
    longitude: grid.west + ((column + 0.5) * (grid.east - grid.west)) / grid.columns,
    latitude: grid.north - ((row + 0.5) * (grid.north - grid.south)) / grid.rows,
  };
}
