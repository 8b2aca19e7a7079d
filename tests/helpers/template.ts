import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where global setup leaves the migrated template for this run (shared by every test file). */
export function templateFile(): string {
  return path.join(os.tmpdir(), `kopa-test-template-${process.env.KOPA_TEST_RUN_ID ?? 'local'}.tar`);
}

export function realDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function templateDatabaseName(): string {
  return `kopa_template_${process.env.KOPA_TEST_RUN_ID ?? 'local'}`;
}

export function removeTemplateFile(): void {
  fs.rmSync(templateFile(), { force: true });
}
