import { versionedValue } from '../../server/cache/versioned-value';
import { handFedChanges } from '../helpers/hand-fed-changes';

/** A value whose loads count themselves and can be held open until the test lets them finish. */
function held() {
  const changes = handFedChanges();
  let loads = 0;
  let release: () => void = () => {};
  let hold: Promise<void> | undefined;
  const value = versionedValue(changes, ['points'], async () => {
    const load = ++loads;
    await hold;
    return { load };
  });
  return {
    changes,
    value,
    loads: () => loads,
    holdNext() {
      hold = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

describe('a versioned value', () => {
  it('is loaded once and kept until a change touches its scopes', async () => {
    const { changes, value, loads } = held();
    const first = await value.get();
    expect(await value.get()).toBe(first);
    expect(value.isCurrent(first)).toBe(true);
    changes.deliver(['idea:7', 'ideas']);
    changes.deliver(['user:3']);
    expect(await value.get()).toBe(first);
    changes.deliver(['points']);
    expect(value.isCurrent(first)).toBe(false);
    const second = await value.get();
    expect(second).not.toBe(first);
    expect(value.isCurrent(second)).toBe(true);
    expect(loads()).toBe(2);
  });

  it('keeps a load during which only other scopes changed (a support at 100,000 ideas)', async () => {
    const test = held();
    test.holdNext();
    const loading = test.value.get();
    test.changes.deliver(['idea:7', 'ideas']);
    test.release();
    const loaded = await loading;
    expect(await test.value.get()).toBe(loaded);
    expect(test.loads()).toBe(1);
  });

  it('uses a load overtaken by a change of its scopes once, and loads again for the next caller', async () => {
    const test = held();
    test.holdNext();
    const loading = test.value.get();
    test.changes.deliver(['points']);
    test.release();
    const overtaken = await loading;
    expect(test.value.isCurrent(overtaken)).toBe(false);
    expect(await test.value.get()).not.toBe(overtaken);
    expect(test.loads()).toBe(2);
  });

  it('keeps nothing loaded while changes cannot be heard (the LISTEN connection lost)', async () => {
    const test = held();
    test.changes.listening = false;
    const unheard = await test.value.get();
    expect(test.value.isCurrent(unheard)).toBe(false);
    expect(await test.value.get()).not.toBe(unheard);
    test.changes.listening = true;
    test.changes.deliver(['all']);
    const heard = await test.value.get();
    expect(await test.value.get()).toBe(heard);
  });
});
