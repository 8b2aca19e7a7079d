import { onlyPeople, type ChangeListener, type PublicChanges, type PublicScope } from '../../server/cache/public-changes';

export type HandFedChanges = PublicChanges & {
  /** Delivered only when settled() is called, as the database's notifications would arrive. */
  heardAtBarrier: PublicScope[][];
  /** False as when the LISTEN connection is lost: the generation then moves on every read. */
  listening: boolean;
};

/** Announcements fed by hand, as the database would deliver them. */
export function handFedChanges(): HandFedChanges {
  const listeners = new Set<ChangeListener>();
  let generation = 0;
  return {
    heardAtBarrier: [],
    listening: true,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get generation() {
      return this.listening ? generation : ++generation;
    },
    async settled() {
      for (const scopes of this.heardAtBarrier.splice(0)) this.deliver(scopes);
    },
    deliver(scopes) {
      // As startPublicChanges: a person's own change leaves public answers being built alone.
      if (!onlyPeople(scopes)) generation++;
      for (const listener of [...listeners]) listener(scopes);
    },
    close: async () => listeners.clear(),
  };
}
