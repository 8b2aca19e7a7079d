import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { openDatabase } from '../server/db/database';
import { seedBenchmarkIdeas } from './bench-seed';
import { seedFanOutWorkshop, type FanOutWorkshop } from './bench-sse';
import { loggedInResidents } from './bench-supports';
import type { Resident } from './bench-mixed';
import type { BenchDatabase, BenchOptions, BenchPart } from './bench-options';

export const sessionSecret = 'b'.repeat(40);
/** Ideas the mixed run reads and writes on: the newest, which the default list shows. */
const hotIdeaCount = 50;

export interface BenchData {
  /** The newest idea: its page is measured, and the support burst goes to it. */
  ideaId: number;
  hotIdeaIds: number[];
  categorySlug: string;
  supporters: Resident[];
  writers: Resident[];
  reader: Resident;
  staff: Resident;
  room: FanOutWorkshop;
}

export interface PreparedDatabase {
  data: BenchData;
  /** The server's environment for this database. */
  appEnv: Record<string, string>;
  /** The embedded database's folder (free once the server stopped). */
  dataDir?: string;
  workDir: string;
  seedSeconds: number;
  drop(): Promise<void>;
}

async function seed(db: Knex, options: BenchOptions, ideaCount: number, parts: Set<BenchPart>): Promise<BenchData> {
  const { ideaId } = await seedBenchmarkIdeas(db, ideaCount);
  const supporters = parts.has('burst') ? options.supporters : 0;
  const residents = await loggedInResidents(db, supporters + options.writers + 1, sessionSecret);
  const [staff] = await loggedInResidents(db, 1, sessionSecret, 'moderator');
  const room = await seedFanOutWorkshop(db, options.streams, sessionSecret);
  const hot: { id: number }[] = await db('ideas').where({ visibility: 'published' }).whereNot({ id: ideaId }).orderBy('id', 'desc').limit(hotIdeaCount).select('id');
  const [category] = await db('categories').orderBy('id').limit(1).select('slug');
  return {
    ideaId,
    hotIdeaIds: hot.map((row) => row.id),
    categorySlug: category.slug,
    supporters: residents.slice(0, supporters),
    writers: residents.slice(supporters, supporters + options.writers),
    reader: residents[residents.length - 1],
    staff,
    room,
  };
}

/** A fresh database of `ideaCount` ideas: a temporary folder for PGlite, `kopa_bench` on the server. */
export async function prepareDatabase(kind: BenchDatabase, ideaCount: number, options: BenchOptions, parts: Set<BenchPart>): Promise<PreparedDatabase> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-bench-'));
  const started = Date.now();
  const removeWorkDir = () => fs.rmSync(workDir, { recursive: true, force: true });
  if (kind === 'pglite') {
    const dataDir = path.join(workDir, 'data');
    const db = openDatabase({ dataDir });
    const data = await seed(db, options, ideaCount, parts).finally(() => db.destroy());
    return { data, appEnv: { DATA_DIR: dataDir }, dataDir, workDir, seedSeconds: (Date.now() - started) / 1000, drop: async () => removeWorkDir() };
  }
  const admin = knexFactory({ client: 'pg', connection: options.databaseUrl, pool: { min: 0, max: 1 } });
  // One database per bench process: two benches on one server (helpers, CI) must not drop each other's.
  const name = `kopa_bench_${process.pid}`;
  await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.raw(`create database ${name}`);
  const url = new URL(options.databaseUrl!);
  url.pathname = `/${name}`;
  const db = openDatabase({ databaseUrl: url.toString() });
  const data = await seed(db, options, ideaCount, parts).finally(() => db.destroy());
  return {
    data,
    appEnv: { DATABASE_URL: url.toString() },
    workDir,
    seedSeconds: (Date.now() - started) / 1000,
    drop: async () => {
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
      removeWorkDir();
    },
  };
}
