/**
 * The map's FeatureCollection written straight into bytes: at 100,000 pins, building a string per
 * pin, joining them and encoding the 13 MB result spent most of its time in the garbage collector
 * (~300 ms against ~100 ms here). The bytes are the same as `collection(features.map(featureJson))`
 * in map-points.ts, which tests/ideas/feature-bytes.test.ts checks.
 */
const ascii = (text: string) => Buffer.from(text, 'latin1');
const collectionStart = ascii('{"type":"FeatureCollection","features":[');
const featureStart = ascii('{"type":"Feature","id":');
const beforeCoordinates = ascii(',"geometry":{"type":"Point","coordinates":[');
const beforeCategory = ascii(']},"properties":{"category":');
const comma = 44;
const minus = 45;
const dot = 46;
const zero = 48;
/** A pin's bytes besides its category: the fixed parts, an id and two coordinates of at most 12 characters. */
const pinBytesWithoutCategory = featureStart.length + 11 + beforeCoordinates.length + 12 + 1 + 12 + beforeCategory.length + 3;

export class FeatureCollectionWriter {
  private buffer: Buffer;
  private position = 0;
  private features = 0;

  constructor(expectedFeatures: number, bytesPerFeature = 136) {
    this.buffer = Buffer.allocUnsafe(collectionStart.length + 2 + Math.max(1, expectedFeatures) * bytesPerFeature);
    this.put(collectionStart);
  }

  /** `category` is the category's slug already written as JSON. */
  add(id: number, longitude: number, latitude: number, category: Buffer): void {
    this.reserve(pinBytesWithoutCategory + category.length);
    if (this.features++ > 0) this.buffer[this.position++] = comma;
    this.put(featureStart);
    this.integer(id);
    this.put(beforeCoordinates);
    this.coordinate(longitude);
    this.buffer[this.position++] = comma;
    this.coordinate(latitude);
    this.put(beforeCategory);
    this.put(category);
    this.buffer[this.position++] = 125;
    this.buffer[this.position++] = 125;
  }

  /** The finished collection; the writer is not used after this. */
  finish(): Buffer {
    this.reserve(2);
    this.buffer[this.position++] = 93;
    this.buffer[this.position++] = 125;
    const used = this.buffer.subarray(0, this.position);
    // Copied only when much room is left over, which the cache would otherwise keep alive.
    return this.buffer.length - this.position > this.buffer.length / 8 ? Buffer.from(used) : used;
  }

  private reserve(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes));
    this.buffer.copy(larger, 0, 0, this.position);
    this.buffer = larger;
  }

  private put(bytes: Buffer): void {
    // Byte by byte: for these short pieces a loop is faster than a native copy per call.
    for (let index = 0; index < bytes.length; index++) this.buffer[this.position++] = bytes[index];
  }

  /** A safe integer as JavaScript prints it. */
  private integer(value: number): void {
    if (value < 0) {
      this.buffer[this.position++] = minus;
      value = -value;
    }
    const start = this.position;
    do {
      const rest = Math.floor(value / 10);
      this.buffer[this.position++] = zero + value - rest * 10;
      value = rest;
    } while (value > 0);
    for (let low = start, high = this.position - 1; low < high; low++, high--) {
      const swap = this.buffer[low];
      this.buffer[low] = this.buffer[high];
      this.buffer[high] = swap;
    }
  }

  /**
   * `Math.round(value * 1e6) / 1e6` as JavaScript prints it. The double nearest to m / 10⁶ prints
   * as that decimal (its shortest round trip for |value| < 9·10⁹), so the digits come from the
   * integer m; -0 prints as 0, as String(-0) does.
   */
  private coordinate(value: number): void {
    let micro = Math.round(value * 1e6);
    if (micro < 0) {
      this.buffer[this.position++] = minus;
      micro = -micro;
    }
    const whole = Math.floor(micro / 1e6);
    let fraction = micro - whole * 1e6;
    this.integer(whole);
    if (fraction === 0) return;
    this.buffer[this.position++] = dot;
    for (let unit = 100_000; fraction > 0; unit /= 10) {
      const digit = Math.floor(fraction / unit);
      this.buffer[this.position++] = zero + digit;
      fraction -= digit * unit;
    }
  }
}
