import { ConfigError } from '../config';
import { DataDirectoryInUseError } from '../db/database';
import { BackupError } from './backup-folder';

/** A refused "localhost" fails on ::1 and 127.0.0.1 at once: an AggregateError with no message of its own. */
function reason(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(reason).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** Ends a backup CLI with one line on stderr and status 1, never a stack trace. */
export function exitWithOneLine(command: string, error: unknown): never {
  const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError || error instanceof BackupError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');
  process.stderr.write(`${command}: ${known ? reason(error) : `failed: ${reason(error)}`}\n`);
  process.exit(1);
}
