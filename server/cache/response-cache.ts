import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { languageLinksOf } from '../http/locale';
import { carriesCookie } from '../http/cookie-names';
import { ifNoneMatchMatches, preferredCoding, type Coding } from './http-negotiation';
import type { PublicChanges, PublicScope } from './public-changes';
import { needsSettling, settleIfNeeded } from './write-barrier';
import { rigaToday } from './riga-today';

/** What a route's answer is, for the cache: its address with the query normalised, and what it shows. */
export interface CacheableAnswer {
  /** Path and normalised query: parameters in a fixed order, defaults and unknown ones left out. */
  url: string;
  dependsOn: readonly PublicScope[];
  /** The page shows whether consultations are open today: it is kept per day in Riga. */
  daily: boolean;
}

/** Tells which GET requests are cacheable and their normalised address; undefined for the others (and invalid queries). */
export type CacheableAnswerOf = (path: string, query: Request['query']) => CacheableAnswer | undefined;

export interface ResponseCacheOptions {
  changes: PublicChanges;
  maxBytes: number;
  /** A request that carries it may be someone's: it always goes through the whole stack. */
  sessionCookie: string;
  answerOf: CacheableAnswerOf;
}

interface Variant {
  body: Buffer;
  etag: string;
  /** respond()'s headers for a 200 and a 304 as name, value pairs, made on the first early answer. */
  head?: { ok: string[]; notModified: string[] };
}

/** What answerEarly found: the status, the headers the cache adds (name, value …) and the body, if any. */
export interface EarlyAnswer {
  status: 200 | 304;
  headers: readonly string[];
  body: Buffer | undefined;
}

interface StoredAnswer {
  contentType: string;
  dependsOn: readonly PublicScope[];
  /** The plain variant is absent when `plainRemade` makes it for each request instead. */
  variants: Partial<Record<Coding, Variant>>;
  plainRemade?: { etag: string; remake: () => Buffer | Promise<Buffer> };
  compressing: Partial<Record<Coding, Promise<Variant>>>;
}

export interface Conditions {
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
  head: boolean;
}

export interface ResponseCache {
  middleware: RequestHandler;
  /**
   * A hit found from the raw request alone, for an answer before Express (see cache/early-hit.ts):
   * only when its address was read before, nothing waits (no write to settle, the variant made);
   * undefined otherwise, and the request goes through the stack to the middleware.
   */
  answerEarly(url: string, locale: string, conditions: Conditions): EarlyAnswer | undefined;
  /** Bytes held now (bodies, their compressed variants and keys). */
  readonly bytes: number;
  readonly entries: number;
  /** Answers given from memory since the start. */
  readonly hits: number;
  /** Of those, the ones given before Express (answerEarly). */
  readonly earlyHits: number;
}

const vary = 'Accept-Encoding, Accept-Language, Cookie';
/** Beyond these sizes compression trades a few per cent of bytes for speed (see compress()). */
const largeBody = 100_000;
export const hugeBody = 1_000_000;

/** Addresses whose reading is remembered: longer ones are read each time (and never fill the memory). */
const maxRememberedUrl = 512;
const maxRememberedAnswers = 2000;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * Brotli's settings for a body of `size` bytes. The window is sized to the body: with the default
 * (4 MB) each compression of a 40 kB page at quality 9 set up and freed tens of MB of tables and
 * took ~35 ms, against ~1 ms with a 64 kB window for the same bytes out; in the mixed bench, where
 * every write drops pages that the next visitor compresses again, that was the largest cost.
 */
export function brotliParams(size: number, quality: number): Record<number, number> {
  return {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_LGWIN]: Math.min(zlib.constants.BROTLI_MAX_WINDOW_BITS, Math.max(zlib.constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(size + 1)))),
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  };
}

/**
 * Measured on a 13 MB whole city (100,000 points, busy 2-core machine): brotli quality 5 made
 * 1.00 MB in 1.6 s, quality 1 1.17 MB in 0.3 s; gzip level 6 1.14 MB in 0.34 s, level 4 1.20 MB
 * in 0.19 s. The first visitor waits for it, so a huge body takes the fast settings.
 */
function compress(body: Buffer, coding: Exclude<Coding, 'identity'>): Promise<Buffer> {
  const size = body.length;
  if (coding === 'gzip') return gzip(body, { level: size > hugeBody ? 4 : 6 });
  return brotli(body, { params: brotliParams(size, size > hugeBody ? 1 : size > largeBody ? 5 : 9) });
}

/** A route's own finished variants (the whole city's): the plain one as sent, the compressed ones made or on their way. */
export interface OwnVariants {
  identity: Variant;
  gzip: Variant | Promise<Variant>;
  br: Variant | Promise<Variant>;
  /** A huge plain body is not kept: the rare client that takes no compression gets it made again. */
  remakePlain?: () => Buffer | Promise<Buffer>;
  /** A smaller brotli made later, which replaces the first when it comes. */
  refinedBr?: Promise<Variant | undefined>;
}
const offered = new WeakMap<Response, OwnVariants>();

/**
 * Offers the cache the variants a route keeps itself with the plain answer it sends: they are
 * stored as they are (the same buffers, their own ETags), not hashed and compressed a second time.
 */
export function offerOwnVariants(res: Response, variants: OwnVariants): void {
  offered.set(res, variants);
}

const variantOf = (body: Buffer): Variant => ({ body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` });

const sizeOf = (answer: StoredAnswer, key: string) =>
  Object.values(answer.variants).reduce((bytes, variant) => bytes + variant.body.length, Buffer.byteLength(key));

/**
 * Finished anonymous answers kept in memory, bounded by bytes, dropped by the public changes they
 * depend on. A hit runs only the middleware in front of it (request log, security headers,
 * language), never the session store, the body parsers or the route.
 */
export function createResponseCache({ changes, maxBytes, sessionCookie, answerOf }: ResponseCacheOptions): ResponseCache {
  const keysByScope = new Map<PublicScope, Set<string>>();
  let hits = 0;
  let earlyHits = 0;
  const buildsInFlight = new Map<string, Promise<void>>();
  const cache = new LRUCache<string, StoredAnswer>({
    maxSize: maxBytes,
    sizeCalculation: (answer, key) => Math.max(1, sizeOf(answer, key)),
    dispose: (answer, key) => {
      for (const scope of answer.dependsOn) {
        const keys = keysByScope.get(scope);
        keys?.delete(key);
        if (keys?.size === 0) keysByScope.delete(scope);
      }
    },
  });

  changes.onChange((scopes) => {
    // Every page shows reference data (categories, consultations): a change of it drops everything.
    if (scopes.includes('all') || scopes.includes('reference')) return cache.clear();
    for (const scope of scopes) {
      for (const key of [...(keysByScope.get(scope) ?? [])]) cache.delete(key);
    }
  });

  function store(key: string, answer: StoredAnswer) {
    cache.set(key, answer);
    if (cache.peek(key) !== answer) return;
    for (const scope of answer.dependsOn) {
      const keys = keysByScope.get(scope) ?? new Set<string>();
      keys.add(key);
      keysByScope.set(scope, keys);
    }
  }

  /**
   * Counts a variant added to a stored answer (and evicts others if needed). lru-cache measures an
   * entry only when its value changes: setting the same object again would leave the bytes uncounted.
   */
  function recount(key: string, answer: StoredAnswer) {
    if (cache.peek(key) !== answer) return;
    cache.delete(key);
    store(key, answer);
  }

  /** Each compressed variant is made once, by the first request that accepts it. */
  function variant(key: string, answer: StoredAnswer, coding: Coding): Promise<Variant> | Variant {
    const made = answer.variants[coding];
    if (made) return made;
    if (coding === 'identity') {
      const { plainRemade } = answer;
      if (!plainRemade) throw new Error('a stored answer has its plain body or a way to make it');
      return Promise.resolve(plainRemade.remake()).then((body) => ({ body, etag: plainRemade.etag }));
    }
    answer.compressing[coding] ??= compress(answer.variants.identity!.body, coding).then(
      (body) => {
        const compressed = variantOf(body);
        answer.variants[coding] = compressed;
        delete answer.compressing[coding];
        recount(key, answer);
        return compressed;
      },
      (error: unknown) => {
        // The next request tries again instead of failing on the same rejection.
        delete answer.compressing[coding];
        throw error;
      },
    );
    return answer.compressing[coding];
  }

  /** Synchronous when the variant is made: a hit then awaits nothing. */
  function send(res: Response, key: string, answer: StoredAnswer, conditions: Conditions, finish: (body?: Buffer) => void): void | Promise<void> {
    const coding = preferredCoding(conditions.acceptEncoding);
    const chosen = variant(key, answer, coding);
    // Not instanceof: zlib's promise may come from another realm (jest's VM modules).
    if ('then' in chosen) return chosen.then((made) => respond(res, answer, coding, made, conditions, finish));
    respond(res, answer, coding, chosen, conditions, finish);
  }

  function respond(res: Response, answer: StoredAnswer, coding: Coding, chosen: Variant, conditions: Conditions, finish: (body?: Buffer) => void) {
    res.setHeader('Vary', vary);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', chosen.etag);
    res.removeHeader('Content-Encoding');
    if (ifNoneMatchMatches(conditions.ifNoneMatch, chosen.etag)) {
      res.statusCode = 304;
      res.removeHeader('Content-Type');
      res.removeHeader('Content-Length');
      finish();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', answer.contentType);
    res.setHeader('Content-Length', chosen.body.length);
    if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
    finish(conditions.head ? undefined : chosen.body);
  }

  /**
   * On a miss the route runs as usual, for the normalised address, and its finished body is
   * taken from res.end: stored when it is a 200 that sets no cookie and no change was announced
   * meanwhile, then sent in the encoding the client accepts.
   */
  function captureMiss(req: Request, res: Response, key: string, answer: CacheableAnswer) {
    const generation = changes.generation;
    let built!: () => void;
    const building = new Promise<void>((resolve) => (built = resolve));
    if (!buildsInFlight.has(key)) buildsInFlight.set(key, building);
    const settle = () => {
      if (buildsInFlight.get(key) === building) buildsInFlight.delete(key);
      built();
    };
    // A route that fails or a client that leaves also ends the wait of the others.
    res.once('close', settle);
    const conditions: Conditions = { ifNoneMatch: req.headers['if-none-match'], acceptEncoding: req.headers['accept-encoding'], head: req.method === 'HEAD' };
    // The route must build the full plain body: no 304 of its own, no compression of its own, no HEAD shortcut.
    delete req.headers['if-none-match'];
    delete req.headers['accept-encoding'];
    if (conditions.head) req.method = 'GET';
    if (req.url !== answer.url) {
      // What is stored must not carry the junk of the address that happened to build it.
      req.url = answer.url;
      res.locals.currentPath = answer.url;
      res.locals.languageLinks = languageLinksOf(answer.url, req.locale);
    }
    const restoreRequest = () => {
      if (conditions.head) req.method = 'HEAD';
      if (conditions.ifNoneMatch !== undefined) req.headers['if-none-match'] = conditions.ifNoneMatch;
      if (conditions.acceptEncoding !== undefined) req.headers['accept-encoding'] = conditions.acceptEncoding;
    };

    const { end, write, writeHead } = res;
    let streamed = false;
    const release = () => {
      res.end = end;
      res.write = write;
      res.writeHead = writeHead;
    };
    // A route-level compression() writes the head before it calls end; hold it until the body is known.
    res.writeHead = function deferredWriteHead(this: Response, statusCode: number, ...rest: unknown[]) {
      this.statusCode = statusCode;
      for (const argument of rest) {
        if (typeof argument === 'string') this.statusMessage = argument;
        else if (argument && typeof argument === 'object' && !Array.isArray(argument)) {
          for (const [name, value] of Object.entries(argument)) if (value !== undefined) this.setHeader(name, value as string);
        }
      }
      return this;
    } as Response['writeHead'];
    res.write = function streamingWrite(this: Response, ...args: Parameters<Response['write']>) {
      streamed = true;
      release();
      return write.apply(this, args);
    } as Response['write'];
    res.end = function capturingEnd(this: Response, chunk?: unknown, encoding?: unknown, callback?: unknown) {
      release();
      const finished = typeof chunk === 'string' || Buffer.isBuffer(chunk);
      const contentType = res.getHeader('Content-Type');
      const encoded = (res.getHeader('Content-Encoding') ?? 'identity') !== 'identity';
      const personal = res.getHeader('Set-Cookie') !== undefined || Boolean(res.locals.flash);
      if (streamed || !finished || encoded || personal || res.statusCode !== 200 || typeof contentType !== 'string') {
        // Restored first: a personal answer (a language cookie, a flash) is still compressed for the client that accepts it.
        restoreRequest();
        const result = end.call(this, chunk as string, encoding as BufferEncoding, callback as () => void);
        settle();
        return result;
      }
      const body = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : chunk;
      const own = offered.get(res);
      const identity = own && own.identity.body === body ? own.identity : variantOf(body);
      const finishedAnswer: StoredAnswer = { contentType, dependsOn: answer.dependsOn, variants: { identity }, compressing: {} };
      if (identity === own?.identity) {
        if (own.remakePlain) {
          delete finishedAnswer.variants.identity;
          finishedAnswer.plainRemade = { etag: identity.etag, remake: own.remakePlain };
        }
        for (const coding of ['gzip', 'br'] as const) {
          const made = own[coding];
          if (!('then' in made)) finishedAnswer.variants[coding] = made;
          else {
            const compressing = made.then(
              (variant) => {
                finishedAnswer.variants[coding] = variant;
                delete finishedAnswer.compressing[coding];
                recount(key, finishedAnswer);
                return variant;
              },
              (error: unknown) => {
                // The next request builds the answer again instead of failing on the same rejection.
                if (cache.peek(key) === finishedAnswer) cache.delete(key);
                throw error;
              },
            );
            // Awaited only by a client that asks for this coding: a failure must not go unhandled meanwhile.
            compressing.catch(() => {});
            finishedAnswer.compressing[coding] = compressing;
          }
        }
        own.refinedBr?.then((refined) => {
          if (!refined) return;
          finishedAnswer.variants.br = refined;
          recount(key, finishedAnswer);
        });
      }
      if (changes.generation === generation) store(key, finishedAnswer);
      settle();
      Promise.resolve(send(res, key, finishedAnswer, conditions, (body) => (end as (this: Response, chunk?: Buffer) => Response).call(res, body))).then(restoreRequest, (error: unknown) => {
        restoreRequest();
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return this;
    } as Response['end'];
  }

  // Reading an address (the query parsed and checked with the route's zod schema) is the same every
  // time: a hit remembers it per raw address instead. A flood of distinct addresses only empties it.
  const answers = new Map<string, CacheableAnswer | undefined>();
  function cacheableAnswer(req: Request): CacheableAnswer | undefined {
    const url = req.url;
    if (answers.has(url)) return answers.get(url);
    const answer = answerOf(req.path, req.query);
    if (url.length <= maxRememberedUrl) {
      if (answers.size >= maxRememberedAnswers) answers.clear();
      answers.set(url, answer);
    }
    return answer;
  }

  const middleware: RequestHandler = async (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || carriesCookie(req.headers.cookie, sessionCookie)) return next();
    const answer = cacheableAnswer(req);
    if (!answer) return next();
    const key = `${req.locale} ${answer.daily ? rigaToday() : '-'} ${answer.url}`;
    if (needsSettling(changes)) await settleIfNeeded(changes);
    let stored = cache.get(key);
    const building = buildsInFlight.get(key);
    if (!stored && building) {
      // A crowd arriving together (a link on the news site) waits for one build instead of running it each.
      await building;
      stored = cache.get(key);
    }
    if (!stored) {
      captureMiss(req, res, key, answer);
      return next();
    }
    hits++;
    const sent = send(res, key, stored, { ifNoneMatch: req.headers['if-none-match'], acceptEncoding: req.headers['accept-encoding'], head: req.method === 'HEAD' }, (body) => res.end(body));
    if (sent) await sent;
  };

  /** The same headers as respond(), in its order. */
  function headOf(answer: StoredAnswer, coding: Coding, chosen: Variant): NonNullable<Variant['head']> {
    const common = ['Vary', vary, 'Cache-Control', 'no-cache', 'ETag', chosen.etag];
    const ok = [...common, 'Content-Type', answer.contentType, 'Content-Length', String(chosen.body.length)];
    if (coding !== 'identity') ok.push('Content-Encoding', coding);
    return { ok, notModified: common };
  }

  function answerEarly(url: string, locale: string, conditions: Conditions): EarlyAnswer | undefined {
    const answer = answers.get(url);
    if (!answer || needsSettling(changes)) return undefined;
    const stored = cache.get(`${locale} ${answer.daily ? rigaToday() : '-'} ${answer.url}`);
    const coding = preferredCoding(conditions.acceptEncoding);
    const chosen = stored?.variants[coding];
    if (!stored || !chosen) return undefined;
    hits++;
    earlyHits++;
    const head = (chosen.head ??= headOf(stored, coding, chosen));
    if (ifNoneMatchMatches(conditions.ifNoneMatch, chosen.etag)) return { status: 304, headers: head.notModified, body: undefined };
    return { status: 200, headers: head.ok, body: conditions.head ? undefined : chosen.body };
  }

  return {
    middleware,
    answerEarly,
    get bytes() {
      return cache.calculatedSize;
    },
    get entries() {
      return cache.size;
    },
    get hits() {
      return hits;
    },
    get earlyHits() {
      return earlyHits;
    },
  };
}
