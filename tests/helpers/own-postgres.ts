/**
 * A PostgreSQL server of a test's (or the drill's) own: Debian's initdb and pg_ctl in a temporary
 * folder, on a free loopback port, so that stopping and restarting it disturbs nothing else.
 * PostgreSQL refuses to run as root: under root the folder and the commands belong to `postgres`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes';

const run = promisify(execFile);
const binDir = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export interface OwnPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> (trust authentication). */
  url(database?: string): string;
  /** Starts the server and returns once it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop` (fast: sessions are ended, as at a restart); returns once it is down. */
  stop(mode?: 'fast' | 'immediate' | 'smart'): Promise<void>;
  /** Runs SQL with psql as the superuser. */
  psql(sql: string, database?: string): Promise<string>;
  /** Stops the server (when running) and removes its folder. */
  destroy(): Promise<void>;
}

export function ownPostgresAvailable(): boolean {
  return fs.existsSync(path.join(binDir, 'initdb')) && fs.existsSync(path.join(binDir, 'pg_ctl'));
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('running as root, and there is no postgres user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Creates a new cluster with one database (`kopa` unless named) and starts it. */
export async function startOwnPostgres(options: { database?: string } = {}): Promise<OwnPostgres> {
  const user = postgresUser();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-pg-'));
  if (user) fs.chownSync(folder, user.uid, user.gid);
  const dataDir = path.join(folder, 'data');
  const port = await freePort();
  const asPostgres = { ...user, cwd: folder, env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } };
  const pgCtl = (...args: string[]) => run(path.join(binDir, 'pg_ctl'), ['-D', dataDir, ...args], asPostgres);
  let running = false;

  await run(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], asPostgres);
  const server: OwnPostgres = {
    port,
    url: (database = options.database ?? 'kopa') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      // fsync off: the data is thrown away after the test; the socket stays in the folder.
      const settings = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      await pgCtl('-l', path.join(folder, 'server.log'), '-o', settings, '-w', '-t', '30', 'start');
      running = true;
    },
    async stop(mode = 'fast') {
      await pgCtl('-m', mode, '-w', '-t', '30', 'stop');
      running = false;
    },
    async psql(sql, database = 'postgres') {
      const { stdout } = await run('/usr/bin/psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-c', sql], {
        env: { PATH: process.env.PATH ?? '' },
      });
      return stdout.trim();
    },
    async destroy() {
      if (running) await server.stop('immediate').catch(() => undefined);
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
  await server.start();
  await server.psql(`create database ${options.database ?? 'kopa'}`);
  return server;
}
