import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtCreateAdmin, builtMain, freePort, runToEnd, startProcess, waitFor } from '../helpers/processes';

const tempDirs: string[] = [];
const tempDataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-main-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the server process', () => {
  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT /],
    [{ NODE_ENV: 'production' }, /^Invalid configuration: SESSION_SECRET is required when NODE_ENV=production/],
    [{ MAP_CENTER: 'Daugavpils' }, /^Invalid configuration: MAP_CENTER must be "latitude,longitude"/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must start with postgres:\/\//],
    [{ DEFAULT_LOCALE: 'de' }, /^Invalid configuration: DEFAULT_LOCALE must be one of lv, ru, en/],
    [{ TRUST_PROXY: 'true' }, /^Invalid configuration: TRUST_PROXY must be unset or false \(no proxy\), a hop count of 1 or more, loopback, .* \(got "true"\)$/m],
  ])('stops on bad configuration %j with one line and no stack trace', async (env, message) => {
    const result = await runToEnd(builtMain, [], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stops with one clear line when the database is unreachable', async () => {
    const port = await freePort();
    const result = await runToEnd(builtMain, [], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none`, PORT: String(await freePort()) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Cannot reach the database at 127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    // knex printed the connection error with its stack to stdout before this line.
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('names the server but never the password of an unreachable DATABASE_URL', async () => {
    const result = await runToEnd(builtMain, [], { DATABASE_URL: 'postgres://kopa:s3cret-pw@localhost:1/none', PORT: String(await freePort()) });
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`.trim().split('\n')).toEqual([expect.stringMatching(/^Cannot reach the database at localhost:1: connect ECONNREFUSED/)]);
    expect(result.stderr).not.toContain('s3cret-pw');
  });

  it('stops with one clear line when the embedded database cannot be created', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(path.join(dataDir, 'pglite'), 'not a folder');
    const result = await runToEnd(builtMain, [], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Cannot create the embedded database in .+: EEXIST/)]);
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
  });

  it('starts on the embedded database with demo content, refuses a second process on the same data, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const server = startProcess(builtMain, { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' });
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
      const list = await (await fetch(`http://127.0.0.1:${port}/ideas?lang=en`)).text();
      expect(list).toContain('30 ideas found.');
      const map = await (await fetch(`http://127.0.0.1:${port}/api/ideas.geojson`)).json();
      expect(map.features).toHaveLength(30);
      expect(server.output()).toContain('staff@kopa.local');
      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);

      const second = await runToEnd(builtCreateAdmin, ['--email', 'admin@example.lv', '--password', 'long enough'], { DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/is in use by process \d+/);
    } finally {
      server.child.kill('SIGTERM');
    }
    // A clean stop ends by the signal itself (status 143), as a process without a handler would.
    expect(await server.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('create-admin creates, then promotes, an admin; production never gets the demo staff account', async () => {
    const dataDir = tempDataDir();
    const created = await runToEnd(builtCreateAdmin, ['--email', 'chief@example.lv', '--password', 'a long password'], { DATA_DIR: dataDir });
    expect(created.stdout).toContain('Admin account created: chief@example.lv');
    expect(created.code).toBe(0);
    const again = await runToEnd(builtCreateAdmin, ['--email', 'CHIEF@example.lv', '--password', 'another password'], { DATA_DIR: dataDir });
    expect(again.stdout).toContain('Admin account promoted');
    const refused = await runToEnd(builtCreateAdmin, ['--email', 'not-an-email', '--password', 'a long password'], { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('create-admin: --email is not a valid email address\n');

    const port = await freePort();
    const server = startProcess(builtMain, { DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) });
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000);
      expect(server.output()).not.toContain('staff@kopa.local');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toEqual({ code: null, signal: 'SIGTERM' });
  });
});
