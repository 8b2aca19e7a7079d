import path from 'node:path';
import { neighbourhoodBbox } from './bench-seed';
import { prepareDatabase, sessionSecret, type BenchData } from './bench-database';
import { measureExports } from './bench-exports';
import { firstRequest } from './bench-http';
import { measure, type Figures } from './bench-load';
import { measureMixed, type MixedFigures } from './bench-mixed';
import { partsAt, type BenchDatabase, type BenchOptions } from './bench-options';
import { httpSameBytes, sampleMemory, startServer, stopServer, waitUntilIdle } from './bench-servers';
import { serverEnvironment, serverNodeFlags } from './server-node-flags';
import { measureFanOut, type FanOutFigures } from './bench-sse';
import { measureSupportBurst, type BurstFigures } from './bench-supports';
import { memoryFloor, type MemoryFloor } from './bench-memory-floor';
import { printScenario, targetShare, type Baselines } from './bench-report';

export interface ScenarioResult {
  name: string;
  seedSeconds: number;
  startSeconds: number;
  reads: Figures[];
  memory: { afterStart: number; peakReads?: number; peakMixed?: number; peak: number; afterRun: number };
  cityFeatures?: number;
  bboxFeatures?: number;
  anonymousCookies?: string;
  mixed?: MixedFigures;
  /** The same mix started on a fixed schedule below saturation (BENCH_MIXED_RATE, else half the saturated rate). */
  mixedAtRate?: MixedFigures & { rate: number };
  burst?: BurstFigures;
  exports?: string[];
  fanOut?: FanOutFigures;
  floor?: MemoryFloor | string;
  partSeconds: Record<string, number>;
}

const fanOutMessages = 30;

/** What a visitor reads anonymously; `{id}` is an idea. */
export function anonymousReads(data: BenchData): { name: string; path: string }[] {
  return [
    { name: 'map page /', path: '/' },
    { name: 'list /ideas', path: '/ideas' },
    { name: 'list, filtered', path: `/ideas?category=${data.categorySlug}&sort=supported` },
    { name: 'idea page', path: '/ideas/{id}' },
    { name: 'GeoJSON, whole city', path: '/api/ideas.geojson' },
    { name: 'GeoJSON, neighbourhood bbox', path: `/api/ideas.geojson?bbox=${neighbourhoodBbox.join(',')}` },
    { name: 'API /api/ideas/:id', path: '/api/ideas/{id}' },
  ];
}

/** Answers this large are bound by their bytes on the wire (the load generator shares the two cores). */
const largeAnswerBytes = 8 * 1024;

/**
 * For each large answer below its aim, the same number of bytes from a bare node:http: the most
 * any server could do here for an answer that size, beside which Kopā's own cost shows.
 */
async function measureSameBytes(reads: Figures[], baselines: Baselines, run: { seconds: number; connections: number }): Promise<void> {
  for (const row of reads) {
    const belowAim = row.requestsPerSecond < targetShare(row.name) * baselines.expressHello.requestsPerSecond;
    if (!belowAim || row.bytesPerAnswer < largeAnswerBytes) continue;
    const server = await startServer(['-e', httpSameBytes], { BYTES: String(Math.round(row.bytesPerAnswer)) });
    row.sameBytes = await measure(`node:http, ${Math.round(row.bytesPerAnswer)} bytes`, server.url, run).finally(() => stopServer(server.child));
  }
}

/** Runs one part and notes its time; a part that fails is reported and the bench goes on. */
async function timed<T>(seconds: Record<string, number>, part: string, run: () => Promise<T>): Promise<T | undefined> {
  const started = Date.now();
  try {
    return await run();
  } catch (error) {
    console.error(`${part} failed:`, error);
    return undefined;
  } finally {
    seconds[part] = (Date.now() - started) / 1000;
  }
}

/** Seeds one database, starts Kopā on it in its own process and runs the parts asked for. */
export async function runScenario(kind: BenchDatabase, ideaCount: number, options: BenchOptions, baselines: Baselines): Promise<ScenarioResult> {
  const name = `${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}, ${ideaCount.toLocaleString('en')} ideas`;
  console.log(`\n== ${name}: seeding`);
  const parts = partsAt(options, ideaCount);
  const database = await prepareDatabase(kind, ideaCount, options, parts);
  const { data } = database;
  const partSeconds: Record<string, number> = {};
  const startedAt = Date.now();
  const app = await startServer(
    [...serverNodeFlags(), 'dist/server/main.js'],
    { ...serverEnvironment(), ...database.appEnv, NODE_ENV: 'production', SESSION_SECRET: sessionSecret, LOG_LEVEL: 'warn', UPLOAD_DIR: path.join(database.workDir, 'uploads') },
    '/healthz',
  );
  const startSeconds = (Date.now() - startedAt) / 1000;
  const memory = sampleMemory(app.child.pid!);
  const result: ScenarioResult = { name, seedSeconds: database.seedSeconds, startSeconds, reads: [], memory: { afterStart: memory.afterStart, peak: 0, afterRun: 0 }, partSeconds };
  const run = { seconds: options.seconds, connections: options.connections };
  try {
    if (parts.has('reads')) {
      await timed(partSeconds, 'reads', async () => {
        const peak = memory.window();
        for (const target of anonymousReads(data)) {
          const url = app.url + target.path.replace('{id}', String(data.ideaId));
          await waitUntilIdle(app.url);
          // The first request on a fresh connection, before any other asked for it: what an empty cache costs.
          const targetPeak = memory.window();
          const first = await firstRequest(url);
          if (target.name === 'GeoJSON, whole city') result.cityFeatures = (JSON.parse(first.body!.toString()) as { features: unknown[] }).features.length;
          if (target.name === 'GeoJSON, neighbourhood bbox') result.bboxFeatures = (JSON.parse(first.body!.toString()) as { features: unknown[] }).features.length;
          result.reads.push({ ...(await measure(target.name, url, run)), firstMs: first.ms, peakMb: targetPeak() });
        }
        await measureSameBytes(result.reads, baselines, run);
        const ideaUrl = `${app.url}/ideas/${data.ideaId}`;
        await waitUntilIdle(app.url);
        const loggedInPeak = memory.window();
        const first = await firstRequest(ideaUrl, { cookie: data.reader.cookie });
        result.reads.push({ ...(await measure('idea page, logged in', ideaUrl, { ...run, headers: { cookie: data.reader.cookie } })), firstMs: first.ms, peakMb: loggedInPeak() });
        const cookies = await Promise.all(anonymousReads(data).map(async (target) => (await firstRequest(app.url + target.path.replace('{id}', String(data.ideaId)))).headers['set-cookie']));
        result.anonymousCookies = `${cookies.filter(Boolean).length} of ${cookies.length}`;
        result.memory.peakReads = peak();
      });
    }
    if (parts.has('mixed')) {
      await timed(partSeconds, 'mixed', async () => {
        await waitUntilIdle(app.url);
        const peak = memory.window();
        const mix = { url: app.url, ...run, reads: anonymousReads(data).map((target) => target.path), ideaIds: data.hotIdeaIds, writers: data.writers };
        result.mixed = await measureMixed(mix);
        // The saturated run's delays are mostly the queue in front of every request (its plain
        // reads wait as long); at a rate the server keeps up with, what is left is the read path's own.
        const rate = options.mixedRate ?? Math.max(5, Math.round(result.mixed.requestsPerSecond / 2));
        await waitUntilIdle(app.url);
        result.mixedAtRate = { ...(await measureMixed({ ...mix, rate, ideaIds: data.hotIdeaIds.slice().reverse() })), rate };
        result.memory.peakMixed = peak();
      });
    }
    await waitUntilIdle(app.url);
    if (parts.has('burst')) result.burst = await timed(partSeconds, 'burst', () => measureSupportBurst(app.url, data.ideaId, data.supporters));
    if (parts.has('exports')) result.exports = await timed(partSeconds, 'exports', () => measureExports(app.url, data.staff.cookie, app.child.pid!));
    if (parts.has('sse')) result.fanOut = await timed(partSeconds, 'sse', () => measureKopaFanOut(app.url, data, options.streams));
    result.memory.afterRun = memory.now();
    result.memory.peak = memory.peak;
  } finally {
    memory.stop();
    await stopServer(app.child);
  }
  if (database.dataDir) result.floor = await timed(partSeconds, 'floor', () => memoryFloor(database.dataDir!));
  await database.drop();
  printScenario(result, baselines);
  return result;
}

/** A tenth of the streams are projectors (the facilitator's session), the rest participants' phones. */
function measureKopaFanOut(url: string, data: BenchData, streams: number): Promise<FanOutFigures> {
  const { room } = data;
  const projectorStreams = Math.max(1, Math.round(streams / 10));
  return measureFanOut({
    streams: room.participants.map((participant, index) =>
      index < projectorStreams
        ? { url: `${url}/workshops/${room.workshopId}/stream`, cookie: data.staff.cookie }
        : { url: `${url}/w/${room.joinCode}/stream`, cookie: participant.cookie },
    ),
    messages: fanOutMessages,
    send: async (message) => {
      const voter = room.participants[(message - 1) % room.participants.length];
      const response = await fetch(`${url}/w/${room.joinCode}/ideas/${room.ideaId}/dots`, {
        method: 'POST',
        headers: { cookie: voter.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${voter.token}&change=add`,
      });
      if (response.status !== 200) throw new Error(`vote answered ${response.status}`);
    },
    seen: (data) => JSON.parse(data).dotsSpent,
  });
}
