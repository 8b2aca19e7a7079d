import type { PublicScope } from '../../server/cache/public-changes';
import { handFedChanges } from '../helpers/hand-fed-changes';
import { versionedEntries } from '../../server/cache/versioned-entries';
import { trackWrites } from '../../server/cache/write-barrier';
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';

/** Entries whose loads count themselves and can be held open until the test lets them finish. */
function counted(options: { max?: number; linked?: Record<number, number[]> } = {}) {
  const changes = handFedChanges();
  const loads: number[] = [];
  let hold: Promise<void> | undefined;
  const entries = versionedEntries<number, { id: number; load: number }>(changes, {
    max: options.max ?? 10,
    async load(id) {
      loads.push(id);
      const load = loads.length;
      await hold;
      return id < 0 ? undefined : { id, load };
    },
    dependsOn: (id) => [`idea:${id}`, ...(options.linked?.[id] ?? []).map((other): PublicScope => `idea:${other}`)],
  });
  const holdLoads = () => {
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    return () => {
      hold = undefined;
      release();
    };
  };
  return { changes, entries, loads, holdLoads };
}

describe('versioned entries', () => {
  it('loads a key once and keeps it until a change of its scope', async () => {
    const { changes, entries, loads } = counted();
    expect(await entries.get(1)).toEqual({ id: 1, load: 1 });
    expect(await entries.get(1)).toEqual({ id: 1, load: 1 });
    await entries.get(2);
    changes.deliver(['idea:2', 'ideas', 'points']);
    expect(await entries.get(1)).toEqual({ id: 1, load: 1 });
    expect(await entries.get(2)).toEqual({ id: 2, load: 3 });
    expect(loads).toEqual([1, 2, 2]);
  });

  it.each<[PublicScope]>([['all'], ['reference']])('drops every entry on %s', async (scope) => {
    const { changes, entries, loads } = counted();
    await entries.get(1);
    await entries.get(2);
    changes.deliver([scope]);
    await entries.get(1);
    await entries.get(2);
    expect(loads).toEqual([1, 2, 1, 2]);
  });

  it('drops an entry when an entry it depends on changes', async () => {
    const { changes, entries, loads } = counted({ linked: { 1: [7] } });
    await entries.get(1);
    changes.deliver(['idea:7']);
    await entries.get(1);
    expect(loads).toEqual([1, 1]);
  });

  it('uses a load overtaken by any change once, without keeping it', async () => {
    const { changes, entries, loads, holdLoads } = counted();
    const release = holdLoads();
    const first = entries.get(1);
    changes.deliver(['idea:99']);
    release();
    expect(await first).toEqual({ id: 1, load: 1 });
    expect(await entries.get(1)).toEqual({ id: 1, load: 2 });
    expect(await entries.get(1)).toEqual({ id: 1, load: 2 });
    expect(loads).toEqual([1, 1]);
  });

  it('shares a load between concurrent readers, but not with a reader that comes after a change', async () => {
    const { changes, entries, loads, holdLoads } = counted();
    const release = holdLoads();
    const [a, b] = [entries.get(1), entries.get(1)];
    changes.deliver(['idea:1']);
    const c = entries.get(1);
    release();
    expect(await Promise.all([a, b, c])).toEqual([
      { id: 1, load: 1 },
      { id: 1, load: 1 },
      { id: 1, load: 2 },
    ]);
    expect(loads).toEqual([1, 1]);
  });

  it('keeps no answer for a key that has no value', async () => {
    const { entries, loads } = counted();
    expect(await entries.get(-1)).toBeUndefined();
    expect(await entries.get(-1)).toBeUndefined();
    expect(loads).toEqual([-1, -1]);
  });

  it('holds at most its maximum, dropping the least recently read, and forgets the dropped ones\u2019 scopes', async () => {
    const { changes, entries, loads } = counted({ max: 2 });
    await entries.get(1);
    await entries.get(2);
    await entries.get(1);
    await entries.get(3);
    expect(entries.size).toBe(2);
    await entries.get(1);
    expect(loads).toEqual([1, 2, 3]);
    changes.deliver(['idea:1']);
    await entries.get(3);
    await entries.get(2);
    expect(loads).toEqual([1, 2, 3, 2]);
  });

  it('waits, after a write of this process, until its announcement is heard (a PostgreSQL server delivers it on another connection)', async () => {
    const { changes, entries, loads } = counted();
    await entries.get(1);
    const response = new EventEmitter();
    trackWrites(changes)({ method: 'POST' } as Request, response as Response, () => {});
    changes.heardAtBarrier.push(['idea:1']);
    response.emit('finish');
    expect(await entries.get(1)).toEqual({ id: 1, load: 2 });
    expect(loads).toEqual([1, 1]);
  });
});
