import { boundsOfArea, centreOfSquare, gridCovering, squareOfPoint } from '../../server/paper-forms/grid';

const daugavpils = { type: 'Polygon' as const, coordinates: [[[26.45, 55.85], [26.62, 55.85], [26.62, 55.92], [26.45, 55.92], [26.45, 55.85]]] };

describe('the paper form grid', () => {
  const grid = gridCovering(boundsOfArea(daugavpils));

  it('covers the area with square cells, eight along its longer side', () => {
    expect(grid.columns).toBe(8);
    expect(grid.rows).toBeGreaterThanOrEqual(4);
    expect(grid.rows).toBeLessThanOrEqual(8);
    expect(grid.west).toBeLessThanOrEqual(26.45);
    expect(grid.east).toBeGreaterThanOrEqual(26.62);
    expect(grid.south).toBeLessThanOrEqual(55.85);
    expect(grid.north).toBeGreaterThanOrEqual(55.92);
    const cellWidthMetres = ((grid.east - grid.west) / grid.columns) * 111_320 * Math.cos((55.885 * Math.PI) / 180);
    const cellHeightMetres = ((grid.north - grid.south) / grid.rows) * 110_540;
    expect(Math.abs(cellWidthMetres - cellHeightMetres) / cellHeightMetres).toBeLessThan(0.01);
  });

  it('names squares by letter (west to east) and number (north to south), and finds their centres back', () => {
    expect(squareOfPoint(grid, { longitude: grid.west + 1e-6, latitude: grid.north - 1e-6 })).toBe('A1');
    expect(squareOfPoint(grid, { longitude: grid.east - 1e-6, latitude: grid.south + 1e-6 })).toBe(`H${grid.rows}`);
    for (const written of ['C2', 'c2', ' C 2 ']) {
      const centre = centreOfSquare(grid, written);
      expect(centre).not.toBeNull();
      expect(squareOfPoint(grid, centre!)).toBe('C2');
    }
  });

  it('knows no square outside the grid or written otherwise', () => {
    for (const written of ['I1', 'A0', `A${grid.rows + 1}`, 'Z9', '4C', 'AA1', '', 'C', '12', 'C-2']) {
      expect(centreOfSquare(grid, written)).toBeNull();
    }
    expect(squareOfPoint(grid, { longitude: grid.west - 0.01, latitude: 55.88 })).toBeNull();
  });

  it('covers a multipolygon and a tall area', () => {
    const tall = gridCovering({ west: 26.5, east: 26.51, south: 55.8, north: 55.95 });
    expect(tall.rows).toBe(8);
    expect(tall.columns).toBe(1);
    const parts = boundsOfArea({ type: 'MultiPolygon', coordinates: [daugavpils.coordinates, [[[26.7, 55.7], [26.8, 55.7], [26.8, 55.75], [26.7, 55.7]]]] });
    expect(parts).toEqual({ west: 26.45, east: 26.8, south: 55.7, north: 55.92 });
  });
});
