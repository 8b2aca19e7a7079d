import { createTestApp, type TestApp } from '../helpers/test-app';
import { listening, type ListeningServer } from '../workshops/helpers';
import { buildConsultation, type ConsultationOverrides } from './ideas';
import { buildUser, type BuiltUser, type UserOverrides } from './users';

export interface SceneSpec<Name extends string> {
  /** The people of the file, by the name its tests call them. */
  users?: Record<Name, UserOverrides>;
  /** One consultation for the file's ideas (`{}` for the defaults). */
  consultation?: ConsultationOverrides;
  /** Options for the app (environment, rate limits). */
  app?: Parameters<typeof createTestApp>[0];
  /** Also serve the app on a free port, for streams and requests made outside supertest. */
  listen?: boolean;
}

export type Scene<Name extends string> = {
  testApp: TestApp;
  consultation: { id: number };
  /** The listening server, with `listen: true`. */
  server: ListeningServer;
} & Record<Name, BuiltUser>;

/**
 * Stands for a value that exists only once beforeAll has run, so that a test file can name it
 * at the top (`const { testApp, author } = useScene(…)`) and use it inside its tests and hooks.
 */
function filledLater<T extends object>(what: string, read: () => T | undefined): T {
  const value = () => {
    const filled = read();
    if (!filled) throw new Error(`the scene's ${what} is built in beforeAll: use it inside a test or a hook`);
    return filled;
  };
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(value(), key),
    has: (_target, key) => Reflect.has(value(), key),
    ownKeys: () => Reflect.ownKeys(value()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(value(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/**
 * The common setup of a test file: the app on the file's own database (listening, if asked),
 * the people it names and a consultation, built in beforeAll and closed in afterAll (both
 * registered here).
 */
export function useScene<Name extends string = never>(spec: SceneSpec<Name> = {}): Scene<Name> {
  let testApp: TestApp | undefined;
  let consultation: { id: number } | undefined;
  let server: ListeningServer | undefined;
  const users = new Map<string, BuiltUser>();
  beforeAll(async () => {
    testApp = await createTestApp(spec.app);
    if (spec.listen) server = await listening(testApp.app);
    for (const [name, overrides] of Object.entries<UserOverrides>(spec.users ?? ({} as Record<Name, UserOverrides>))) {
      users.set(name, await buildUser(testApp.db, overrides));
    }
    if (spec.consultation) consultation = { id: await buildConsultation(testApp.db, spec.consultation) };
  });
  afterAll(async () => {
    await server?.close();
    await testApp?.close();
  });
  const people = Object.fromEntries(Object.keys(spec.users ?? {}).map((name) => [name, filledLater(name, () => users.get(name))]));
  return {
    testApp: filledLater('testApp', () => testApp),
    consultation: filledLater('consultation', () => consultation),
    server: filledLater('server', () => server),
    ...people,
  } as Scene<Name>;
}
