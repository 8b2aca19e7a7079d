/**
 * The drill's own cluster on loopback: a PostgreSQL from Debian's initdb/pg_ctl, Kopā processes
 * and Debian's nginx as plain child processes, all under one temporary folder. Everything it
 * starts is registered for `cleanUp()`, which the drill runs on exit, on a failure and on Ctrl-C.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../server/paths';
import { serverEnvironment, serverNodeFlags } from '../server-node-flags';

const run = promisify(execFile);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const postgresBin = process.env.DRILL_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const nginxBin = process.env.DRILL_NGINX ?? '/usr/sbin/nginx';
export const nginxConfPath = path.join(projectRoot, 'deploy', 'nginx.conf');

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const cleanups: (() => void)[] = [];

/** Runs every registered clean-up once, newest first; synchronous so it also works in an exit handler. */
export function cleanUp(): void {
  while (cleanups.length) {
    try {
      cleanups.pop()!();
    } catch {
      // Best effort: the next one must still run.
    }
  }
}

export function makeWorkDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-drill-'));
  // PostgreSQL runs as the postgres user when the drill runs as root: it must reach its folder.
  fs.chmodSync(dir, 0o755);
  // --keep leaves the folder (logs, nginx and PostgreSQL files) to read after a failed drill.
  if (!process.argv.includes('--keep')) cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function killHard(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** initdb refuses to run as root: as root, PostgreSQL's tools run as the postgres user. */
const asPostgres = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

export class DrillPostgres {
  readonly dataDir: string;
  readonly url: string;
  private constructor(
    readonly port: number,
    workDir: string,
  ) {
    this.dataDir = path.join(workDir, 'pgdata');
    this.url = `postgres://postgres@127.0.0.1:${port}/kopa`;
  }

  /**
   * pg_ctl with its output ignored: the server it starts inherits pg_ctl's stdout, and a pipe
   * to the drill would keep execFile waiting until that server stops.
   */
  private async pgCtl(...args: string[]) {
    const [command, argv] = asPostgres(path.join(postgresBin, 'pg_ctl'), ['-D', this.dataDir, '-l', path.join(this.dataDir, 'server.log'), ...args]);
    const child = spawn(command, argv, { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`pg_ctl ${args.join(' ')} failed (${code}); see ${path.join(this.dataDir, 'server.log')}`);
  }

  /** initdb in the work folder, start on a free port (fsync off: a drill's data may be lost), create the database. */
  static async start(workDir: string): Promise<DrillPostgres> {
    const postgres = new DrillPostgres(await freePort(), workDir);
    fs.mkdirSync(postgres.dataDir, { mode: 0o700 });
    if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', postgres.dataDir]);
    const [initdb, initArgs] = asPostgres(path.join(postgresBin, 'initdb'), ['-D', postgres.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
    await run(initdb, initArgs, { timeout: 60_000 });
    const options = [
      `-p ${postgres.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${postgres.dataDir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=120',
    ].join(' ');
    fs.writeFileSync(path.join(workDir, 'pg-options'), options);
    cleanups.push(() => {
      const [command, argv] = asPostgres(path.join(postgresBin, 'pg_ctl'), ['-D', postgres.dataDir, '-m', 'immediate', 'stop']);
      try {
        execFileSync(command, argv, { stdio: 'ignore', timeout: 20_000 });
      } catch {
        // Not running.
      }
    });
    await postgres.pgCtl('-o', options, '-w', 'start');
    const [createdb, createArgs] = asPostgres(path.join(postgresBin, 'createdb'), ['-h', '127.0.0.1', '-p', String(postgres.port), '-U', 'postgres', 'kopa']);
    await run(createdb, createArgs);
    return postgres;
  }

  /** `pg_ctl restart -m fast` (or stop, wait, start): every connection is cut; returns when the server accepts connections again. */
  async restart(downMs = 0): Promise<void> {
    if (!downMs) return this.pgCtl('-m', 'fast', '-w', 'restart');
    await this.pgCtl('-m', 'fast', '-w', 'stop');
    await sleep(downMs);
    await this.pgCtl('-o', fs.readFileSync(path.join(path.dirname(this.dataDir), 'pg-options'), 'utf8'), '-w', 'start');
  }
}

export interface KopaProcess {
  index: number;
  port: number;
  url: string;
  child?: ChildProcess;
  log: string;
  /** Exits the drill did not cause (its own SIGKILL and the final SIGTERM aside). */
  unexpectedExits: string[];
}

export class KopaProcesses {
  readonly list: KopaProcess[] = [];
  constructor(
    private readonly env: Record<string, string>,
    private readonly workDir: string,
  ) {}

  async add(): Promise<KopaProcess> {
    const port = await freePort();
    const index = this.list.length + 1;
    const process: KopaProcess = { index, port, url: `http://127.0.0.1:${port}`, log: path.join(this.workDir, `kopa-${index}.log`), unexpectedExits: [] };
    this.list.push(process);
    return process;
  }

  /** Starts (or restarts) one process; does not wait for it. */
  spawn(kopa: KopaProcess): void {
    const log = fs.openSync(kopa.log, 'a');
    const child = spawn(process.execPath, [...serverNodeFlags(), 'dist/server/main.js'], {
      cwd: projectRoot,
      env: { ...process.env, ...serverEnvironment(), ...this.env, PORT: String(kopa.port) },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    kopa.child = child;
    const started = Date.now();
    child.once('exit', (code, signal) => {
      if (!this.stopping.has(child)) kopa.unexpectedExits.push(`exited by itself (${code ?? signal}) ${((Date.now() - started) / 1000).toFixed(1)} s after its start: ${tail(kopa.log, 3).replace(/\s+/g, ' ').slice(0, 300)}`);
    });
    cleanups.push(() => killHard(child));
  }

  private readonly stopping = new Set<ChildProcess>();

  /** Waits until the process answers /healthz 200 (or exits, or `timeoutMs` passes). */
  async ready(kopa: KopaProcess, timeoutMs = 60_000): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      const child = kopa.child!;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Kopā process ${kopa.index} exited (${child.exitCode ?? child.signalCode}); its log:\n${tail(kopa.log)}`);
      if (await healthy(kopa.url)) return;
      await sleep(100);
    }
    throw new Error(`Kopā process ${kopa.index} did not answer /healthz within ${timeoutMs / 1000} s; its log:\n${tail(kopa.log)}`);
  }

  kill(kopa: KopaProcess): void {
    this.stopping.add(kopa.child!);
    killHard(kopa.child!);
  }

  /** SIGTERM to every process still running, and wait for them (graceful shutdown, at most 5 s). */
  async stopAll(): Promise<void> {
    const running = this.list.flatMap((kopa) => (kopa.child && kopa.child.exitCode === null && kopa.child.signalCode === null ? [kopa.child] : []));
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((resolve) => {
            this.stopping.add(child);
            const timer = setTimeout(() => (killHard(child), resolve()), 5000);
            child.once('exit', () => (clearTimeout(timer), resolve()));
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

export async function healthy(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

export function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Debian's nginx with deploy/nginx.conf, copied unchanged into its own prefix folder; only the
 * two files it includes are the drill's (the upstream's servers and the listen address).
 */
export class DrillNginx {
  readonly url: string;
  private child?: ChildProcess;
  private constructor(
    readonly prefix: string,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(workDir: string, upstreamPorts: number[], port: number): Promise<DrillNginx> {
    if (!fs.existsSync(nginxBin)) {
      throw new Error(`nginx is not installed (${nginxBin}): apt-get install -y nginx`);
    }
    const nginx = new DrillNginx(path.join(workDir, 'nginx'), port);
    fs.mkdirSync(nginx.prefix);
    fs.copyFileSync(nginxConfPath, path.join(nginx.prefix, 'nginx.conf'));
    fs.writeFileSync(path.join(nginx.prefix, 'kopa-listen.conf'), `listen 127.0.0.1:${nginx.port};\n`);
    nginx.writeServers(upstreamPorts);
    const log = fs.openSync(path.join(workDir, 'nginx.log'), 'a');
    const child = spawn(nginxBin, ['-p', nginx.prefix, '-c', path.join(nginx.prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    nginx.child = child;
    cleanups.push(() => killHard(child));
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${tail(path.join(workDir, 'nginx.log'))}`);
      if (await healthy(nginx.url)) return nginx;
      await sleep(100);
    }
    throw new Error(`nginx did not answer: ${tail(path.join(workDir, 'nginx.log'))}`);
  }

  writeServers(ports: number[]): void {
    fs.writeFileSync(path.join(this.prefix, 'kopa-servers.conf'), ports.map((port) => `server 127.0.0.1:${port};\n`).join(''));
  }

  /** New upstream list, then SIGHUP: new workers take it, old ones finish their requests. */
  async reload(ports: number[]): Promise<void> {
    this.writeServers(ports);
    this.child!.kill('SIGHUP');
    // New workers start at once; old ones close idle keep-alive connections and go.
    await sleep(1000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGQUIT');
      setTimeout(() => (killHard(child), resolve()), 5000).unref();
    });
  }
}
