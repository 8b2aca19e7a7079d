import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { projectRoot } from '../server/paths';

export const httpHello = `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'text/plain'); s.end('hello'); }).listen(process.env.PORT);`;
/** A bare node:http sending a kept body of BYTES bytes: what an answer of that size costs without any framework. */
export const httpSameBytes = `const size = Number(process.env.BYTES); const body = require('node:crypto').randomBytes(size);
require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size }); s.end(body); }).listen(process.env.PORT);`;
export const expressHello = `const e = require('express')(); e.get('/', (q, s) => { s.send('hello'); }); e.listen(process.env.PORT);`;

export interface RunningServer {
  url: string;
  child: ChildProcess;
}

let nextPort = 4100 + Math.floor(Math.random() * 500);

/** Starts `node <args>` on a free-ish port and waits until `readyPath` answers 2xx. */
export async function startServer(args: string[], env: Record<string, string>, readyPath = '/'): Promise<RunningServer> {
  const port = nextPort++;
  const url = `http://127.0.0.1:${port}`;
  // Its own address, so canonical and shared links point where it answers (Lighthouse checks them).
  const childEnv: NodeJS.ProcessEnv = { ...process.env, BASE_URL: url, ...env, PORT: String(port) };
  // The bench's own DATABASE_URL must not turn a PGlite run into one on the server.
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  // BENCH_SERVER_LOG=<file> keeps the servers' request logs (warnings and errors at the bench's level).
  const logFile = process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore';
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: childEnv, stdio: ['ignore', logFile, 'inherit'] });
  if (typeof logFile === 'number') fs.closeSync(logFile);
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (exitCode !== undefined) throw new Error(`server ${args.join(' ')} exited with ${exitCode}`);
    if (await fetch(url + readyPath).then((response) => response.ok, () => false)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server ${args.join(' ')} did not answer`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The resident set of a process in MB, from /proc (Linux); 0 once it is gone. */
export function residentMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 50 ms: the peak since the start and since the last `peakSince` mark. */
export function sampleMemory(pid: number) {
  const afterStart = residentMb(pid);
  let peak = afterStart;
  /** Open windows (the reads, one read target…), each with its own peak. */
  const windows = new Set<{ peak: number }>();
  const timer = setInterval(() => {
    const now = residentMb(pid);
    peak = Math.max(peak, now);
    for (const window of windows) window.peak = Math.max(window.peak, now);
  }, 50);
  timer.unref();
  return {
    afterStart,
    get peak() {
      return peak;
    },
    now: () => residentMb(pid),
    /** Starts a window; the returned function ends it and gives its peak. */
    window() {
      const window = { peak: residentMb(pid) };
      windows.add(window);
      return () => {
        windows.delete(window);
        return window.peak;
      };
    },
    stop: () => clearInterval(timer),
  };
}
export type MemorySampler = ReturnType<typeof sampleMemory>;

/**
 * Waits until the server answers `/healthz` quickly twice in a row (at most 60 s): a run that
 * ends with slow answers still in flight must not slow down the next one.
 */
export async function waitUntilIdle(url: string): Promise<void> {
  let quick = 0;
  for (const deadline = Date.now() + 60_000; quick < 2 && Date.now() < deadline; ) {
    const started = performance.now();
    const ok = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    quick = ok && performance.now() - started < 50 ? quick + 1 : 0;
    if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
