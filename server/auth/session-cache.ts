import { LRUCache } from 'lru-cache';
import type { SessionData } from 'express-session';
import type { PublicChanges } from '../cache/public-changes';
import { needsSettling } from '../cache/write-barrier';
import type { SessionUser } from './session-user';
import type { SessionWithUser } from './sessions.queries';
import type { PersonalStateOfIdea } from '../supports/supports.queries';

/**
 * Logged-in sessions as read with their account (sessions.queries.ts), kept per process so that a
 * logged-in page needs no query for them. Only a committed change can make one stale, and every
 * such change is announced as 'user:<id>' (migration 20261210100000): the person's entries go.
 * This process's own session writes drop theirs before and after they reach the database, a
 * read overtaken by a change or a write is used once, not kept, and while another write of this
 * process may not have been announced here yet, the database is read. While the LISTEN connection is
 * down nothing is kept (the generation moves on every read) and everything was dropped.
 */
export interface SessionCache {
  /** The session with its account (and the idea's state when asked for one and known); undefined when not kept. */
  read(sid: string, ideaId?: number): SessionWithUser | undefined;
  /** Taken before reading the database: keep() keeps only what no change or write overtook. */
  stamp(): string;
  keep(sid: string, found: SessionWithUser, ideaId: number | undefined, stamp: string): void;
  /** This process writes the session (saves it, ends it). */
  forget(sid: string): void;
}

interface KeptSession {
  /** Parsed anew for each request: express-session and the routes change the session in place. */
  json: string;
  user: SessionUser;
  ideaStates: Map<number, PersonalStateOfIdea>;
  /** The session's own end (its cookie's expiry), in ms since the epoch. */
  endsAt: number;
}

export interface SessionCacheOptions {
  maxSessions: number;
  /** A backstop only: every change that matters is announced. */
  ttlMs: number;
}

const ideaStatesPerSession = 50;

export function createSessionCache(changes: PublicChanges, { maxSessions, ttlMs }: SessionCacheOptions): SessionCache {
  const sidsOfPerson = new Map<number, Set<string>>();
  const kept = new LRUCache<string, KeptSession>({
    max: maxSessions,
    ttl: ttlMs,
    dispose: (session, sid) => {
      const sids = sidsOfPerson.get(session.user.id);
      sids?.delete(sid);
      if (sids?.size === 0) sidsOfPerson.delete(session.user.id);
    },
  });
  let ownWrites = 0;
  // Deliveries of people's changes leave `changes.generation` alone: this cache counts what it hears.
  let heard = 0;
  const currentStamp = () => `${changes.generation}:${ownWrites}:${heard}`;

  changes.onChange((scopes) => {
    heard++;
    if (scopes.includes('all') || scopes.includes('users')) {
      kept.clear();
      return;
    }
    for (const scope of scopes) {
      if (!scope.startsWith('user:')) continue;
      for (const sid of [...(sidsOfPerson.get(Number(scope.slice('user:'.length))) ?? [])]) kept.delete(sid);
    }
  });

  return {
    read(sid, ideaId) {
      // A write of this process may have committed without its announcement here yet (PostgreSQL): read the database.
      if (needsSettling(changes)) return undefined;
      const session = kept.get(sid);
      if (!session) return undefined;
      if (session.endsAt <= Date.now()) {
        kept.delete(sid);
        return undefined;
      }
      const ideaState = ideaId === undefined ? undefined : session.ideaStates.get(ideaId);
      if (ideaId !== undefined && !ideaState) return undefined;
      return { session: JSON.parse(session.json) as SessionData, user: { ...session.user }, ...(ideaState && { ideaState: { ...ideaState } }) };
    },
    stamp: currentStamp,
    keep(sid, found, ideaId, stamp) {
      if (!found.user || stamp !== currentStamp()) return;
      const expires = found.session.cookie?.expires;
      const endsAt = expires ? new Date(expires).getTime() : Number.NaN;
      if (!(endsAt > Date.now())) return;
      const json = JSON.stringify(found.session);
      let session = kept.get(sid);
      if (!session || session.json !== json || session.user.id !== found.user.id) {
        session = { json, user: { ...found.user }, ideaStates: new Map(), endsAt };
        kept.set(sid, session);
        const sids = sidsOfPerson.get(found.user.id) ?? new Set<string>();
        sids.add(sid);
        sidsOfPerson.set(found.user.id, sids);
      }
      if (ideaId === undefined || !found.ideaState) return;
      // The ideas a person opened last: one who reads through every idea does not grow one entry without end.
      session.ideaStates.delete(ideaId);
      if (session.ideaStates.size >= ideaStatesPerSession) session.ideaStates.delete(session.ideaStates.keys().next().value as number);
      session.ideaStates.set(ideaId, { ...found.ideaState });
    },
    forget(sid) {
      ownWrites++;
      kept.delete(sid);
    },
  };
}
