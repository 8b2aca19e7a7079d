import { onlyPeople, touches, type PublicChanges, type PublicScope } from './public-changes';

export interface VersionedValue<T> {
  get(): Promise<T>;
  /** Whether `value` is still the one kept: no change has touched its scopes since it was loaded. */
  isCurrent(value: T): boolean;
}

/**
 * A value read once and kept until a change touches one of its scopes (reference data, the map
 * points). Concurrent callers share one load; a load overtaken by a change of its scopes is used
 * once, not kept. Changes of other scopes (a support, at 100,000 ideas every few milliseconds) do
 * not throw a load away.
 */
export function versionedValue<T>(changes: PublicChanges, dependsOn: readonly PublicScope[], load: () => Promise<T>): VersionedValue<T> {
  let kept: Promise<T> | undefined;
  let keptValue: { value: T } | undefined;
  /** Deliveries that move `changes.generation` (all but people's own). */
  let publicDeliveries = 0;
  changes.onChange((changed) => {
    if (!onlyPeople(changed)) publicDeliveries++;
    if (!touches(changed, dependsOn)) return;
    kept = undefined;
    keptValue = undefined;
  });
  return {
    get() {
      if (kept) return kept;
      const generation = changes.generation;
      const deliveries = publicDeliveries;
      const loading = load();
      kept = loading;
      loading.then(
        (value) => {
          // The generation moved by more than what was delivered: at some point nothing was being heard.
          const unheard = changes.generation - generation !== publicDeliveries - deliveries;
          if (kept !== loading) return;
          if (unheard) kept = undefined;
          else keptValue = { value };
        },
        () => {
          if (kept === loading) kept = undefined;
        },
      );
      return loading;
    },
    isCurrent(value) {
      return keptValue !== undefined && keptValue.value === value;
    },
  };
}
