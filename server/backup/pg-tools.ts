import { spawn } from 'node:child_process';
import { BackupError } from './backup-folder';

/** host:port/database of a postgres:// URL; never the user or password. */
export function databaseAddress(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/**
 * Runs pg_dump or pg_restore against the database of the URL. The password goes through
 * PGPASSWORD rather than the command line, where every user of the machine could read it.
 */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [`--dbname=${url.toString()}`, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new BackupError(error.code === 'ENOENT' ? `${tool} was not found: install the PostgreSQL client tools of the server's version (e.g. postgresql-client-15).` : `${tool} could not start: ${error.message}`),
      );
    });
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const lines = stderr.trim().split('\n').filter(Boolean);
      reject(new BackupError(`${tool} failed on ${databaseAddress(databaseUrl)}: ${lines.find((line) => /error/i.test(line)) ?? lines[0] ?? `exit status ${code}`}`));
    });
  });
}
