import { FeatureCollectionWriter } from '../../server/ideas/feature-bytes';
import { collection, featureJson } from '../../server/ideas/map-points';
import { seededRandom } from '../../server/seed/seeded-random';

/** What the writer must equal: the string the map's other answers are built from. */
function asString(pins: [number, number, number, string][]): string {
  return collection(pins.map(([id, longitude, latitude, category]) => featureJson(id, longitude, latitude, JSON.stringify(category))));
}

function asBytes(pins: [number, number, number, string][], expected = pins.length): string {
  const writer = new FeatureCollectionWriter(expected);
  for (const [id, longitude, latitude, category] of pins) writer.add(id, longitude, latitude, Buffer.from(JSON.stringify(category)));
  return writer.finish().toString();
}

describe('the whole city written as bytes', () => {
  it('is byte for byte the string answer, for edge values too', () => {
    const pins: [number, number, number, string][] = [
      [1, 0, 0, 'green-space'],
      [2, -0.0000004, 0.0000005, 'heritage'],
      [3, -179.9999995, 89.9999995, 'riverside-water'],
      [4, 180, -90, 'a'],
      [2147483647, 26.000001, 55.1, 'b'],
      [10, -0.5, -26.5000005, 'c'],
      [11, 1e-7, -1e-7, 'd'],
      [12, 24.1052, 56.9496, 'kultūra <script>'],
    ];
    expect(asBytes(pins)).toBe(asString(pins));
  });

  it('matches for many random pins, growing past its first guess of the size', () => {
    const random = seededRandom(7);
    const pins = Array.from({ length: 5000 }, (_, index): [number, number, number, string] => [
      index * 37 + 1,
      (random() - 0.5) * 360,
      (random() - 0.5) * 180,
      ['green-space', 'heritage'][index % 2],
    ]);
    expect(asBytes(pins, 10)).toBe(asString(pins));
  });

  it('writes an empty collection', () => {
    expect(asBytes([])).toBe(asString([]));
    expect(JSON.parse(asBytes([]))).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
