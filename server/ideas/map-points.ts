import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Knex } from 'knex';
import type { PublicChanges } from '../cache/public-changes';
import { brotliParams, hugeBody } from '../cache/response-cache';
import { settledValue } from '../cache/settled-value';
import { FeatureCollectionWriter } from './feature-bytes';
import { publishedIdeaMapColumns } from './ideas.queries';
import { ideaStatuses, nebValues, type IdeaFilters } from './ideas.schema';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * Every published pin in columns, sorted by longitude: a bbox is two binary searches and a walk
 * over that slice, with no database and no objects per idea (100,000 pins ≈ 2.8 MB).
 */
interface PointColumns {
  count: number;
  ids: Int32Array;
  longitudes: Float64Array;
  latitudes: Float64Array;
  consultations: Int32Array;
  /** Index into categoryJson. */
  categories: Uint16Array;
  /** Index into ideaStatuses. */
  statuses: Uint8Array;
  /** Bit i for nebValues[i]. */
  valueBits: Uint8Array;
  categoryIndex: Map<string, number>;
  /** Each slug already written as a JSON string, and as its bytes. */
  categoryJson: string[];
  categoryBytes: Buffer[];
  /** The smallest box holding every pin: a bbox that covers it filters nothing. */
  extent: [number, number, number, number];
  /** Whole answers (all pins, or one consultation's), built once for these columns. */
  whole: Map<number, EncodedAnswer>;
}

/** One answer, compressed once per encoding; each variant with its own strong ETag. */
export interface EncodedAnswer {
  /**
   * The plain body. A huge one (the whole city at 100,000 ideas: 13 MB against 1.2 MB compressed)
   * is let go once both compressed variants are made, and made again from gzip for the rare client
   * that takes neither: every browser asks for br.
   */
  plain(): Buffer | Promise<Buffer>;
  /** True when plain() is made again on each call, not kept. */
  readonly plainIsRemade: boolean;
  /** Compressed on libuv's pool, brotli first. */
  compressed: { gzip: Promise<Buffer>; br: Promise<Buffer> };
  /**
   * Each variant once compressed: the first request after a change takes whichever is done first.
   * Brotli is replaced by its refined one when that is made, with its ETag (read both together).
   */
  ready: { gzip?: Buffer; br?: Buffer };
  etags: { identity: string; gzip: string; br: string };
  /** A smaller brotli made after the first, for answers up to `refinedUpTo`; undefined when none is made. */
  refinedBr: Promise<{ body: Buffer; etag: string } | undefined>;
}

export interface MapPoints {
  /** The answer without bbox or filters, or only a consultation's: null when other filters apply. */
  wholeAnswer(filters: IdeaFilters): Promise<EncodedAnswer | null>;
  /** The FeatureCollection for any filters but `q` (a text search stays with the database). */
  featureCollection(filters: Omit<IdeaFilters, 'q'>): Promise<string>;
  /** How many published ideas the same filters keep: the list's count, without scanning the table. */
  count(filters: Omit<IdeaFilters, 'q'>): Promise<number>;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** One pin as the map reads it; written as text because at 100,000 pins serialising nested objects is the slow part. */
export function featureJson(id: number, longitude: number, latitude: number, categoryJson: string): string {
  return `{"type":"Feature","id":${id},"geometry":{"type":"Point","coordinates":[${round6(longitude)},${round6(latitude)}]},"properties":{"category":${categoryJson}}}`;
}

const feature = (columns: PointColumns, index: number) =>
  featureJson(columns.ids[index], columns.longitudes[index], columns.latitudes[index], columns.categoryJson[columns.categories[index]]);

export const collection = (features: string[]) => `{"type":"FeatureCollection","features":[${features.join(',')}]}`;

async function loadColumns(db: Knex): Promise<PointColumns> {
  const read = await publishedIdeaMapColumns(db);
  const count = read.ids.length;
  // A typed array of indexes sorts in about half the time of an array of numbers.
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  order.sort((a, b) => read.longitudes[a] - read.longitudes[b]);
  const columns: PointColumns = {
    count,
    ids: new Int32Array(count),
    longitudes: new Float64Array(count),
    latitudes: new Float64Array(count),
    consultations: new Int32Array(count),
    categories: new Uint16Array(count),
    statuses: new Uint8Array(count),
    valueBits: new Uint8Array(count),
    categoryIndex: new Map(),
    categoryJson: [],
    categoryBytes: [],
    extent: [Infinity, Infinity, -Infinity, -Infinity],
    whole: new Map(),
  };
  const categoryOfId = new Map<number, number>();
  for (const [id, slug] of read.categorySlugs) {
    const index = columns.categoryJson.push(JSON.stringify(slug)) - 1;
    columns.categoryBytes.push(Buffer.from(columns.categoryJson[index]));
    columns.categoryIndex.set(slug, index);
    categoryOfId.set(id, index);
  }
  for (let index = 0; index < count; index++) {
    const from = order[index];
    columns.ids[index] = read.ids[from];
    columns.longitudes[index] = read.longitudes[from];
    columns.latitudes[index] = read.latitudes[from];
    columns.consultations[index] = read.consultations[from];
    columns.categories[index] = categoryOfId.get(read.categoryIds[from]) ?? 0;
    columns.statuses[index] = read.statuses[from];
    columns.valueBits[index] = read.valueBits[from];
  }
  if (count > 0) {
    columns.extent = [columns.longitudes[0], Infinity, columns.longitudes[count - 1], -Infinity];
    for (let index = 0; index < count; index++) {
      columns.extent[1] = Math.min(columns.extent[1], columns.latitudes[index]);
      columns.extent[3] = Math.max(columns.extent[3], columns.latitudes[index]);
    }
  }
  return columns;
}

/** First index whose longitude is ≥ (or, with `after`, >) the given one. */
function longitudeBound(longitudes: Float64Array, longitude: number, after: boolean): number {
  let low = 0;
  let high = longitudes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (longitudes[middle] < longitude || (after && longitudes[middle] === longitude)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function coversExtent(bbox: readonly number[], extent: readonly number[]): boolean {
  return bbox[0] <= extent[0] && bbox[1] <= extent[1] && bbox[2] >= extent[2] && bbox[3] >= extent[3];
}

/** Null when the filters leave only a consultation (or nothing): the answer kept whole. */
function wholeKey(columns: PointColumns, filters: Omit<IdeaFilters, 'q'>): number | null {
  const { consultation, category, value, status, bbox } = filters;
  if (category || value || status || ('q' in filters && filters.q)) return null;
  if (bbox && !coversExtent(bbox, columns.extent)) return null;
  return consultation ?? 0;
}

/** Calls `visit` with the index of each pin the filters keep, west to east. */
function forEachSelected(columns: PointColumns, filters: Omit<IdeaFilters, 'q'>, visit: (index: number) => void): void {
  const category = filters.category === undefined ? undefined : columns.categoryIndex.get(filters.category);
  if (filters.category !== undefined && category === undefined) return;
  const status = filters.status === undefined ? undefined : ideaStatuses.indexOf(filters.status);
  const valueBit = filters.value === undefined ? 0 : 1 << nebValues.indexOf(filters.value);
  const [minLon, minLat, maxLon, maxLat] = filters.bbox ?? [-Infinity, -Infinity, Infinity, Infinity];
  const end = longitudeBound(columns.longitudes, maxLon, true);
  for (let index = longitudeBound(columns.longitudes, minLon, false); index < end; index++) {
    const latitude = columns.latitudes[index];
    if (latitude < minLat || latitude > maxLat) continue;
    if (filters.consultation !== undefined && columns.consultations[index] !== filters.consultation) continue;
    if (category !== undefined && columns.categories[index] !== category) continue;
    if (status !== undefined && columns.statuses[index] !== status) continue;
    if (valueBit && !(columns.valueBits[index] & valueBit)) continue;
    visit(index);
  }
}

function selectFeatures(columns: PointColumns, filters: Omit<IdeaFilters, 'q'>): string[] {
  const features: string[] = [];
  forEachSelected(columns, filters, (index) => features.push(feature(columns, index)));
  return features;
}

/** A whole answer (every pin, or a consultation's) as bytes, with no string per pin. */
function wholeCollectionBytes(columns: PointColumns, consultation: number): Buffer {
  const writer = new FeatureCollectionWriter(columns.count);
  const { ids, longitudes, latitudes, categories, categoryBytes } = columns;
  forEachSelected(columns, consultation ? { consultation } : {}, (index) =>
    writer.add(ids[index], longitudes[index], latitudes[index], categoryBytes[categories[index]]),
  );
  return writer.finish();
}

const strongEtag = (hash: string, encoding: string) => `"${hash}-${encoding}"`;

const compressWith = {
  // The first visitor after a change waits for one of these (the response cache stores them as they are):
  // past 1 MB (the whole city at 100,000 ideas, 13 MB) the fast settings, as cache/response-cache.ts measured.
  gzip: (identity: Buffer, huge: boolean) => gzip(identity, { level: huge ? 4 : 6 }),
  // Brotli's default quality (11) takes seconds on the whole city; 5 is about as fast as gzip and smaller, 1 faster still.
  br: (identity: Buffer, huge: boolean) =>
    brotli(identity, { params: brotliParams(identity.length, huge ? 1 : 5) }),
};

/**
 * Brotli first, alone (every browser asks for it): on two busy cores the two side by side made the
 * first visitor wait for both; gzip follows at once, and a client that takes only gzip waits for it.
 * A function of its own: a closure in encodeAnswer naming `identity` would keep the plain body alive
 * as long as the answer (V8 keeps one context per function for all its closures).
 */
function compressBoth(identity: Buffer, huge: boolean): EncodedAnswer['compressed'] {
  const br = compressWith.br(identity, huge);
  return { br, gzip: br.then(() => compressWith.gzip(identity, huge), () => compressWith.gzip(identity, huge)) };
}

/**
 * Up to this plain size a whole answer's brotli is made again at quality 11 once the first is
 * sent: the whole city of 2,000 ideas went from 24 to 16 kB for every visitor, for ~0.4 s of one
 * libuv thread (and ~18 MB while it runs) once per change of the pins. At 1 MB it takes ~1.6 s;
 * the whole city at 100,000 ideas (13 MB) keeps its fast one.
 */
const refinedUpTo = hugeBody;
/** Below this, a few bytes saved are not worth a second ETag (tests' small maps stay as they are). */
const refinedFrom = 32 * 1024;

/** After the first brotli (the first visitor after a change never waits for this one); undefined unless smaller. */
async function refinedBrotli(first: Promise<Buffer>, identity: Buffer, hash: string, stillWanted: () => boolean): Promise<{ body: Buffer; etag: string } | undefined> {
  const firstBody = await first;
  // Pins changed while the first was made: this answer is already replaced, its refinement would be wasted.
  if (!stillWanted()) return undefined;
  const body = await brotli(identity, { params: brotliParams(identity.length, 11) });
  return body.length < firstBody.length ? { body, etag: strongEtag(hash, 'br11') } : undefined;
}

/**
 * `plainKeptUpTo`: the largest plain body held once compressed (tests lower it); `stillWanted`:
 * whether the answer is still the current one when its refinement would start.
 */
export function encodeAnswer(identity: Buffer, plainKeptUpTo = hugeBody, stillWanted: () => boolean = () => true): EncodedAnswer {
  const huge = identity.length > hugeBody;
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  const ready: EncodedAnswer['ready'] = {};
  const compressed = compressBoth(identity, huge);
  for (const coding of ['gzip', 'br'] as const) {
    compressed[coding].then(
      (buffer) => (ready[coding] = buffer),
      () => {},
    );
  }
  const etags = { identity: strongEtag(hash, 'id'), gzip: strongEtag(hash, 'gz'), br: strongEtag(hash, 'br') };
  // A plain body that is let go is not held for this either.
  const refines = identity.length >= refinedFrom && identity.length <= Math.min(refinedUpTo, plainKeptUpTo);
  const refinedBr = refines ? refinedBrotli(compressed.br, identity, hash, stillWanted).catch(() => undefined) : Promise.resolve(undefined);
  refinedBr.then((refined) => {
    if (!refined) return;
    ready.br = refined.body;
    etags.br = refined.etag;
  });
  let held: Buffer | undefined = identity;
  const plainIsRemade = identity.length > plainKeptUpTo;
  if (plainIsRemade) Promise.all([compressed.br, compressed.gzip]).then(() => (held = undefined), () => {});
  return {
    plain: () => held ?? compressed.gzip.then((gzipped) => gunzip(gzipped)),
    plainIsRemade,
    compressed,
    ready,
    etags,
    refinedBr,
  };
}

/** The published pins, read once per `points` version and answered from memory. */
export function mapPoints(db: Knex, changes: PublicChanges): MapPoints {
  // Settled: a logged-in list counts from here and reads its cards from the database; both show this process's last write.
  const columns = settledValue(changes, ['points'], () => loadColumns(db));
  return {
    async wholeAnswer(filters) {
      const current = await columns.get();
      const key = wholeKey(current, filters);
      if (key === null) return null;
      let answer = current.whole.get(key);
      if (!answer) {
        const encoded = encodeAnswer(wholeCollectionBytes(current, key), hugeBody, () => columns.isCurrent(current) && current.whole.get(key) === encoded);
        answer = encoded;
        current.whole.set(key, answer);
        Promise.all(Object.values(answer.compressed)).catch(() => current.whole.delete(key));
      }
      return answer;
    },
    async featureCollection(filters) {
      return collection(selectFeatures(await columns.get(), filters));
    },
    async count(filters) {
      let count = 0;
      forEachSelected(await columns.get(), filters, () => count++);
      return count;
    },
  };
}
