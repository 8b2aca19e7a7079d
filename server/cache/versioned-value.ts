import { touches, type PublicChanges, type PublicScope } from './public-changes';

export interface VersionedValue<T> {
  get(): Promise<T>;
}

/**
 * A value read once and kept until a change touches one of its scopes (reference data, the map
 * points). Concurrent callers share one load; a load overtaken by a change is used once, not kept.
 */
export function versionedValue<T>(changes: PublicChanges, dependsOn: readonly PublicScope[], load: () => Promise<T>): VersionedValue<T> {
  let kept: Promise<T> | undefined;
  changes.onChange((changed) => {
    if (touches(changed, dependsOn)) kept = undefined;
  });
  return {
    get() {
      if (kept) return kept;
      const generation = changes.generation;
      const loading = load();
      kept = loading;
      loading.then(
        () => {
          if (changes.generation !== generation && kept === loading) kept = undefined;
        },
        () => {
          if (kept === loading) kept = undefined;
        },
      );
      return loading;
    },
  };
}
