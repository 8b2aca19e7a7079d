/**
 * Where the embedded default's memory goes: a bare PGlite (no app code) in memory and reopening
 * a data directory, beside Kopā itself after `npm start`; each in its own process, measured as
 * VmRSS once it has answered and sat idle for a few seconds.
 *
 *   npm run bench:memory            (a temporary data directory)
 *   npm run bench:memory -- ./data  (an existing DATA_DIR, not in use by a server)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { pgliteOptions } from '../server/db/database';
import { projectRoot } from '../server/paths';
import { serverEnvironment, serverNodeFlags } from './server-node-flags';

const idleMs = 5000;

function residentMb(pid: number | 'self'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

type ChildMode = 'in-memory' | 'reopened';

/** In the child: open PGlite as asked, answer one query, idle, print the resident size. */
async function childMeasure(mode: ChildMode, dataDir: string, withDefaults: boolean): Promise<void> {
  const options = withDefaults ? {} : pgliteOptions;
  const pglite = mode === 'in-memory' ? new PGlite(options) : new PGlite(path.join(dataDir, 'pglite'), options);
  await pglite.query('select 1');
  await delay(idleMs);
  process.stdout.write(`${JSON.stringify({ rssMb: residentMb('self') })}\n`);
  await pglite.close();
}

function runChild(mode: ChildMode, dataDir: string, withDefaults = false): Promise<number> {
  const flags = withDefaults ? [] : serverNodeFlags();
  const args = [...flags, __filename, '--child', mode, dataDir, ...(withDefaults ? ['--defaults'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...(withDefaults ? {} : serverEnvironment()) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`memory child (${mode}) exited with ${code}: ${output}`));
      else resolve((JSON.parse(line) as { rssMb: number }).rssMb);
    });
  });
}

/** PGlite's own floor with Kopā's settings: in memory (it runs initdb) and reopening `dataDir` (a DATA_DIR). */
export async function measureMemoryFloor(dataDir: string): Promise<{ inMemoryMb: number; reopenedMb: number }> {
  // A missing database is created first, so that the measured run only reopens it.
  if (!fs.existsSync(path.join(dataDir, 'pglite'))) await runChild('reopened', dataDir);
  return { inMemoryMb: await runChild('in-memory', dataDir), reopenedMb: await runChild('reopened', dataDir) };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Kopā as npm start runs it (migrations and demo content included), measured after /healthz and idling. */
export async function measureServerAfterStart(dataDir: string): Promise<{ rssMb: number; startMs: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnvironment(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const server = spawn(process.execPath, [...serverNodeFlags(), path.join(projectRoot, 'dist/server/main.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode} before answering /healthz`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) break;
      await delay(100);
    }
    const startMs = Math.round(performance.now() - started);
    await delay(idleMs);
    return { rssMb: residentMb(server.pid ?? 0), startMs };
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const given = process.argv[2];
  const dataDir = given ? path.resolve(given) : fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-memory-'));
  try {
    const first = given ? undefined : await measureServerAfterStart(dataDir);
    const again = await measureServerAfterStart(dataDir);
    const floor = await measureMemoryFloor(dataDir);
    const defaults = { inMemoryMb: await runChild('in-memory', dataDir, true), reopenedMb: await runChild('reopened', dataDir, true) };
    const rows: [string, string][] = [
      ['bare PGlite in memory (initdb), Kopā settings', `${floor.inMemoryMb} MB`],
      ['bare PGlite reopening the data dir, Kopā settings', `${floor.reopenedMb} MB`],
      ['bare PGlite in memory, PGlite and V8 defaults', `${defaults.inMemoryMb} MB`],
      ['bare PGlite reopening, PGlite and V8 defaults', `${defaults.reopenedMb} MB`],
      ...(first ? [['Kopā after its first start (new data dir)', `${first.rssMb} MB (healthy after ${first.startMs} ms)`] as [string, string]] : []),
      ['Kopā after a start on the existing data dir', `${again.rssMb} MB (healthy after ${again.startMs} ms)`],
      ['Kopā above the reopened floor', `${again.rssMb - floor.reopenedMb} MB`],
    ];
    for (const [label, value] of rows) console.log(`${label.padEnd(52)} ${value}`);
  } finally {
    if (!given) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  childMeasure(process.argv[3] as ChildMode, process.argv[4], process.argv[5] === '--defaults').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
