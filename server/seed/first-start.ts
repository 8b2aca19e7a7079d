import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { embeddedDirectoryOf } from '../db/database';

/** True when the data folder holds no embedded database yet: the first start. */
export function isNewEmbeddedDatabase(dataDir: string): boolean {
  return !fs.existsSync(path.join(embeddedDirectoryOf(dataDir), 'PG_VERSION'));
}

/**
 * Creates, migrates and seeds a new embedded database in a child process. PGlite's WebAssembly
 * memory only grows, and initdb, the migrations and the demo content leave ~120 MB that serving
 * never needs (neither closing the instance nor a worker thread gives them back; an exit does).
 * The server then opens the folder as on any restart.
 */
export function createEmbeddedDatabaseInChild(): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, path.join(__dirname, 'first-start.cli.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(errors.trim() || `it ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}
