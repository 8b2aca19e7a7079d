// The project's timeout, from its `globals` in jest.config.js (one place for every file).
jest.setTimeout((globalThis as unknown as { kopaTestTimeout: number }).kopaTestTimeout);
