import type { PublicChanges, PublicScope } from './public-changes';
import { versionedValue, type VersionedValue } from './versioned-value';
import { needsSettling, settleIfNeeded } from './write-barrier';

/**
 * A versioned value for pages that are not answered by the response cache (a logged-in person's):
 * a read first waits until this process's own writes have been heard, so it never shows less
 * than they wrote.
 */
export function settledValue<T>(changes: PublicChanges, dependsOn: readonly PublicScope[], load: () => Promise<T>): VersionedValue<T> {
  const value = versionedValue(changes, dependsOn, load);
  return {
    get() {
      return needsSettling(changes) ? settleIfNeeded(changes).then(() => value.get()) : value.get();
    },
    isCurrent: value.isCurrent,
  };
}
