import { LRUCache } from 'lru-cache';
import type { PublicChanges, PublicScope } from './public-changes';
import { needsSettling, settleIfNeeded } from './write-barrier';
import { onlyPeople } from './public-changes';

export interface VersionedEntries<K extends string | number, V> {
  /**
   * The kept value, or a fresh load (kept unless a change arrived meanwhile); undefined is never
   * kept. Waits first until this process's own writes have been heard.
   */
  get(key: K): Promise<V | undefined>;
  readonly size: number;
}

export interface VersionedEntriesOptions<K, V> {
  /** How many entries memory holds; the least recently read go first. */
  max: number;
  load: (key: K) => Promise<V | undefined>;
  /** The scopes whose change drops this entry (besides `all` and `reference`, which drop every entry). */
  dependsOn: (key: K, value: V) => readonly PublicScope[];
}

/**
 * Values by key (one idea's page, one page of its comments), each kept until a change touches one
 * of its scopes, in a bounded LRU. A load during which any change arrived is used once, not kept:
 * it may have read the database before that change committed.
 */
export function versionedEntries<K extends string | number, V extends object>(changes: PublicChanges, options: VersionedEntriesOptions<K, V>): VersionedEntries<K, V> {
  const keysByScope = new Map<PublicScope, Set<K>>();
  const scopesByKey = new Map<K, readonly PublicScope[]>();
  const forget = (key: K) => {
    for (const scope of scopesByKey.get(key) ?? []) {
      const keys = keysByScope.get(scope);
      keys?.delete(key);
      if (keys?.size === 0) keysByScope.delete(scope);
    }
    scopesByKey.delete(key);
  };
  const kept = new LRUCache<K, V>({ max: options.max, dispose: (_value, key) => forget(key) });
  // Concurrent readers of one key share its load, but only until the next change.
  let loading = new Map<K, Promise<V | undefined>>();

  changes.onChange((changed) => {
    if (onlyPeople(changed)) return;
    loading = new Map();
    if (changed.includes('all') || changed.includes('reference')) {
      kept.clear();
      return;
    }
    for (const scope of changed) {
      for (const key of [...(keysByScope.get(scope) ?? [])]) kept.delete(key);
    }
  });

  async function loadAndKeep(key: K): Promise<V | undefined> {
    const generation = changes.generation;
    const value = await options.load(key);
    if (value !== undefined && changes.generation === generation) {
      const scopes = options.dependsOn(key, value);
      kept.set(key, value);
      scopesByKey.set(key, scopes);
      for (const scope of scopes) {
        const keys = keysByScope.get(scope) ?? new Set<K>();
        keys.add(key);
        keysByScope.set(scope, keys);
      }
    }
    return value;
  }

  function keptOrLoading(key: K): Promise<V | undefined> {
    const value = kept.get(key);
    if (value !== undefined) return Promise.resolve(value);
    const pending = loading.get(key);
    if (pending) return pending;
    const started = loadAndKeep(key);
    const shared = loading;
    shared.set(key, started);
    const done = () => {
      if (shared.get(key) === started) shared.delete(key);
    };
    started.then(done, done);
    return started;
  }

  return {
    get(key) {
      return needsSettling(changes) ? settleIfNeeded(changes).then(() => keptOrLoading(key)) : keptOrLoading(key);
    },
    get size() {
      return kept.size;
    },
  };
}
