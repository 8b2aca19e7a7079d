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
 *
 * STUB: local delivery only; the database side (triggers, LISTEN/NOTIFY, reconnect) comes next.
 */
import type { Knex } from 'knex';
import type { Logger } from '../logger';

export type PublicScope = 'all' | 'reference' | 'ideas' | 'points' | `idea:${number}`;
export type ChangeListener = (scopes: readonly PublicScope[]) => void;

export interface PublicChanges {
  /** Called with the scopes of every committed change, from any process; ['all'] after a lost connection. */
  onChange(listener: ChangeListener): () => void;
  /** Moves on every delivery: an answer built while it moved may be stale and is not stored. */
  readonly generation: number;
  /** Resolves once every change committed before the call has reached the listeners. */
  settled(): Promise<void>;
  /** Delivers scopes to this process's listeners without the database (tests of the caches). */
  deliver(scopes: readonly PublicScope[]): void;
  close(): Promise<void>;
}

export function startPublicChanges(_db: Knex, _logger?: Logger): PublicChanges {
  const listeners = new Set<ChangeListener>();
  let generation = 0;
  const deliver = (scopes: readonly PublicScope[]) => {
    generation++;
    for (const listener of listeners) listener(scopes);
  };
  return {
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get generation() {
      return generation;
    },
    settled: async () => {},
    deliver,
    close: async () => listeners.clear(),
  };
}

/** True when a change of `changed` makes an answer that depends on `dependsOn` stale. */
export function touches(changed: readonly PublicScope[], dependsOn: readonly PublicScope[]): boolean {
  return changed.some((scope) => scope === 'all' || scope === 'reference' || dependsOn.includes(scope));
}
