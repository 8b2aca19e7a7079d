/**
 * What visitors see changes only through committed writes; each one is announced as a list of
 * scopes, and every cache in the process drops what depends on them.
 *
 * Scopes:
 * - `reference`: consultations, categories, places, statements (every page shows some of them)
 * - `ideas`: anything an idea list shows (any idea row, its translations, photos, author names)
 * - `points`: what the map draws (publication, hiding, deletion, pin, category, status, consultation)
 * - `idea:<id>`: that idea's page and API answer (the row, photos, comments, statuses, translations)
 * - `all`: drop everything (an account erased, a bulk change, a lost LISTEN connection)
 * - `user:<id>`: what a logged-in request of that person reads with its session (migration
 *   20261210100000: sessions, the account, supports, follows); `users`: everyone's. No public
 *   answer depends on these.
 *
 * The database announces them: triggers (migration 20261205090000) NOTIFY `kopa_public_changes`
 * with '<version>|scope,…' inside the writing transaction, so every process hears of a change
 * after its commit, whoever made it (this app, another process, `npm run maintenance`).
 * Each process LISTENs on one connection of its own. While that connection is down nothing
 * may be kept: `generation` moves on every read, and ['all'] is delivered when it is lost and
 * again once it listens anew.
 */
import type { Knex } from 'knex';
import type { PGlite } from '@electric-sql/pglite';
import type { Client as PgClient } from 'pg';
import { isEmbedded } from '../db/database';
import type { Logger } from '../logger';
import { listenEmbedded, listenOn, publicChangeChannel, roundTrip } from './public-changes.queries';

export type PublicScope = 'all' | 'reference' | 'ideas' | 'points' | `idea:${number}` | 'users' | `user:${number}`;
export type ChangeListener = (scopes: readonly PublicScope[]) => void;

export interface PublicChanges {
  /** Called with the scopes of every committed change, from any process; ['all'] after a lost connection. */
  onChange(listener: ChangeListener): () => void;
  /**
   * Moves on every delivery of a public scope: an answer built while it moved may be stale and is not stored.
   * While no notification can arrive (not listening yet, connection lost) it moves on every read.
   */
  readonly generation: number;
  /** Resolves once every change committed before the call has reached the listeners. */
  settled(): Promise<void>;
  /** Delivers scopes to this process's listeners without the database (tests of the caches). */
  deliver(scopes: readonly PublicScope[]): void;
  close(): Promise<void>;
}

const scopePattern = /^(all|reference|ideas|points|idea:[1-9]\d*|users|user:[1-9]\d*)$/;

/** '<version>|scope,scope' as the triggers send it; undefined when it is not understood. */
export function parsePublicChange(payload: string | undefined): { version: string; scopes: PublicScope[] } | undefined {
  const match = /^(\d+)\|(.+)$/.exec(payload ?? '');
  if (!match) return undefined;
  const scopes = match[2].split(',');
  if (!scopes.every((scope) => scopePattern.test(scope))) return undefined;
  return { version: match[1], scopes: scopes as PublicScope[] };
}

const firstRetryMs = 100;
const lastRetryMs = 2000;
const versionsRemembered = 1000;

interface Listening {
  /** Resolves once the first LISTEN succeeded or failed. */
  started: Promise<void>;
  /** The barrier of settled(), when notifications are reaching this process. */
  barrier(): Promise<void>;
  close(): Promise<void>;
}

export function startPublicChanges(db: Knex, logger?: Logger): PublicChanges {
  const listeners = new Set<ChangeListener>();
  let generation = 0;
  /** True while notifications are reaching this process. */
  let listening = false;
  let closed = false;
  // Versions come from a sequence but commit in any order: duplicates are told apart by a set.
  const seen = new Set<string>();

  const deliver = (scopes: readonly PublicScope[]) => {
    // A person's own change (a session saved, a support) leaves public answers being built alone.
    if (!onlyPeople(scopes)) generation++;
    for (const listener of [...listeners]) {
      try {
        listener(scopes);
      } catch (error) {
        logger?.error({ err: error }, 'a public-change listener failed');
      }
    }
  };

  const onPayload = (payload: string | undefined) => {
    const change = parsePublicChange(payload);
    if (!change) {
      logger?.warn({ payload }, 'public change not understood: dropping everything');
      deliver(['all']);
      return;
    }
    if (seen.has(change.version)) return;
    seen.add(change.version);
    if (seen.size > versionsRemembered) seen.delete(seen.values().next().value as string);
    deliver(change.scopes);
  };

  const setListening = (value: boolean) => {
    // What was read before the first LISTEN (or before a loss) was read while nothing could be heard.
    if (value !== listening) generation++;
    listening = value;
  };
  const connection = isEmbedded(db)
    ? listenOnEmbedded(db, onPayload, setListening, logger)
    : listenOnServer(db, { onPayload, setListening, deliver, isClosed: () => closed }, logger);

  return {
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get generation() {
      return listening ? generation : ++generation;
    },
    async settled() {
      if (closed) return;
      await connection.started;
      // Not listening: nothing built now is kept, so there is nothing to wait for.
      if (listening) await connection.barrier();
    },
    deliver,
    async close() {
      closed = true;
      listening = false;
      listeners.clear();
      await connection.close();
    },
  };
}

/**
 * PGlite has one connection: LISTEN goes through knex's pool, and the instance calls back,
 * in a microtask queued while it reads the committing query's answer, so before that query
 * resolves: a write is delivered before the code that made it goes on.
 */
function listenOnEmbedded(db: Knex, onPayload: (payload: string | undefined) => void, setListening: (value: boolean) => void, logger?: Logger): Listening {
  const pglite = (db.client as { pglite: PGlite }).pglite;
  const stop = pglite.onNotification((channel, payload) => {
    if (channel === publicChangeChannel) onPayload(payload);
  });
  const started = listenEmbedded(db).then(
    () => setListening(true),
    (error: unknown) => logger?.error({ err: error }, 'cannot LISTEN for public changes: nothing will be cached'),
  );
  return {
    started,
    barrier: async () => {},
    close: async () => stop(),
  };
}

interface ServerHooks {
  onPayload(payload: string | undefined): void;
  setListening(value: boolean): void;
  deliver(scopes: readonly PublicScope[]): void;
  isClosed(): boolean;
}

/** One dedicated connection per process, outside knex's pool; reconnects with backoff when lost. */
function listenOnServer(db: Knex, hooks: ServerHooks, logger?: Logger): Listening {
  let client: PgClient | undefined;
  let retryMs = firstRetryMs;
  let retry: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  // Once knex is destroyed (a test's or a shutdown's end) there is nothing left to listen for.
  const databaseGone = () => !(db.client as { pool?: unknown }).pool;

  async function connect(): Promise<void> {
    const raw: PgClient = await (db.client as { acquireRawConnection(): Promise<PgClient> }).acquireRawConnection();
    let established = false;
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      raw.end().catch(() => undefined);
      if (!established) return;
      client = undefined;
      hooks.setListening(false);
      if (hooks.isClosed()) return;
      logger?.warn({ err: error }, 'public-change listener lost its connection: dropping everything and reconnecting');
      hooks.deliver(['all']);
      scheduleReconnect();
    };
    raw.on('notification', (message) => {
      if (!lost && message.channel === publicChangeChannel) hooks.onPayload(message.payload);
    });
    raw.on('error', onLost);
    raw.on('end', () => onLost());
    try {
      await listenOn(raw);
    } catch (error) {
      onLost(error);
      throw error;
    }
    if (lost) throw new Error('the public-change connection ended while it started to LISTEN');
    if (hooks.isClosed()) {
      lost = true;
      await raw.end().catch(() => undefined);
      return;
    }
    established = true;
    client = raw;
    retryMs = firstRetryMs;
    hooks.setListening(true);
  }

  function scheduleReconnect() {
    if (retry || hooks.isClosed() || databaseGone()) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (hooks.isClosed() || databaseGone()) return;
      connect().then(
        // What was committed while nobody listened is unknown.
        () => hooks.deliver(['all']),
        (error: unknown) => {
          logger?.warn({ err: error, retryMs }, 'public-change listener cannot reconnect yet');
          retryMs = Math.min(retryMs * 2, lastRetryMs);
          scheduleReconnect();
        },
      );
    }, retryMs);
    retry.unref();
  }

  const started = connect().catch((error: unknown) => {
    logger?.error({ err: error }, 'cannot LISTEN for public changes: nothing is cached until it can');
    scheduleReconnect();
  });

  async function roundTripNow(): Promise<void> {
    const current = client;
    // A connection lost meanwhile has delivered ['all'] already.
    if (current) await roundTrip(current).catch(() => undefined);
  }

  /** Callers share a round trip; one arriving during a round trip waits for the next one, started after its call. */
  function barrier(): Promise<void> {
    if (!running) {
      const current = roundTripNow().finally(() => {
        if (running === current) running = undefined;
      });
      running = current;
      return current;
    }
    queued ??= running.then(() => {
      queued = undefined;
      return barrier();
    });
    return queued;
  }

  return {
    started,
    barrier,
    async close() {
      if (retry) clearTimeout(retry);
      retry = undefined;
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}

/** True when every scope names people (`user:<id>`, `users`): no public answer depends on them. */
export function onlyPeople(scopes: readonly PublicScope[]): boolean {
  return scopes.every((scope) => scope === 'users' || scope.startsWith('user:'));
}

/** True when a change of `changed` makes an answer that depends on `dependsOn` stale. */
export function touches(changed: readonly PublicScope[], dependsOn: readonly PublicScope[]): boolean {
  return changed.some((scope) => scope === 'all' || scope === 'reference' || dependsOn.includes(scope));
}
