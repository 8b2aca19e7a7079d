/**
 * npm run bench: seeds a separate database with 100,000 ideas, starts each server in its
 * own process and measures them with autocannon in one run, so every figure is compared
 * with baselines measured on the same noisy machine at the same time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import { openDatabase } from '../server/db/database';
import { projectRoot } from '../server/paths';
import { cityBbox, neighbourhoodBbox, seedBenchmarkIdeas } from './bench-seed';
import { loggedInResidents } from './bench-supports';
import { measureFanOut, seedFanOutWorkshop, trivialFanOutServer, type FanOutFigures, type FanOutWorkshop } from './bench-sse';

const ideaCount = Number(process.env.BENCH_IDEAS ?? 100_000);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 10;
const supporterCount = Number(process.env.BENCH_SUPPORTERS ?? 1000);
const fanOutStreams = Number(process.env.BENCH_STREAMS ?? 200);
const fanOutMessages = 30;
const sessionSecret = 'b'.repeat(40);

const httpHello = `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'text/plain'); s.end('hello'); }).listen(process.env.PORT);`;
const expressHello = `const e = require('express')(); e.get('/', (q, s) => { s.send('hello'); }); e.listen(process.env.PORT);`;

let nextPort = 4100 + Math.floor(Math.random() * 500);

async function startServer(args: string[], env: Record<string, string>, readyPath = '/'): Promise<{ url: string; child: ChildProcess }> {
  const port = nextPort++;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (exitCode !== undefined) throw new Error(`server ${args.join(' ')} exited with ${exitCode}`);
    if (await fetch(url + readyPath).then((response) => response.ok, () => false)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server ${args.join(' ')} did not answer`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, url: string, options: { connections?: number; amount?: number } = {}): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: options.connections ?? connections,
    ...(options.amount ? { amount: options.amount } : { duration }),
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

function gzippedSize(relativePath: string): number {
  return zlib.gzipSync(fs.readFileSync(path.join(projectRoot, relativePath)), { level: 9 }).length;
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-bench-'));
  const serverUrl = process.env.DATABASE_URL;
  let appEnv: Record<string, string>;
  let dropBenchDatabase = async () => {};
  const seedStarted = Date.now();
  let ideaId: number;
  let residents: { cookie: string; csrf: string }[];
  let staff: { cookie: string; csrf: string }[];
  let room: FanOutWorkshop;
  if (serverUrl) {
    const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
    await admin.raw('drop database if exists kopa_bench with (force)');
    await admin.raw('create database kopa_bench');
    const url = new URL(serverUrl);
    url.pathname = '/kopa_bench';
    const db = openDatabase({ databaseUrl: url.toString() });
    ({ ideaId } = await seedBenchmarkIdeas(db, ideaCount));
    residents = await loggedInResidents(db, supporterCount, sessionSecret);
    staff = await loggedInResidents(db, 1, sessionSecret, 'moderator');
    room = await seedFanOutWorkshop(db, fanOutStreams, sessionSecret);
    await db.destroy();
    appEnv = { DATABASE_URL: url.toString() };
    dropBenchDatabase = async () => {
      await admin.raw('drop database if exists kopa_bench with (force)');
      await admin.destroy();
    };
  } else {
    const db = openDatabase({ dataDir: workDir });
    ({ ideaId } = await seedBenchmarkIdeas(db, ideaCount));
    residents = await loggedInResidents(db, supporterCount, sessionSecret);
    staff = await loggedInResidents(db, 1, sessionSecret, 'moderator');
    room = await seedFanOutWorkshop(db, fanOutStreams, sessionSecret);
    await db.destroy();
    appEnv = { DATA_DIR: workDir };
  }
  console.log(`Seeded ${ideaCount.toLocaleString('en')} ideas on ${serverUrl ? 'PostgreSQL' : 'embedded PGlite'} in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
  console.log(`Each run: ${duration} s, ${connections} connections, load generator on the same machine (${os.cpus().length} cores), Node ${process.version}\n`);

  const results: Figures[] = [];
  const httpServer = await startServer(['-e', httpHello], {});
  results.push(await measure('baseline: node:http hello', httpServer.url));
  await stopServer(httpServer.child);
  const expressServer = await startServer(['-e', expressHello], {});
  results.push(await measure('baseline: Express hello', expressServer.url));
  await stopServer(expressServer.child);

  const app = await startServer(['dist/server/main.js'], { ...appEnv, NODE_ENV: 'production', SESSION_SECRET: sessionSecret, LOG_LEVEL: 'warn', UPLOAD_DIR: path.join(workDir, 'uploads') }, '/healthz');
  const bboxQuery = `bbox=${neighbourhoodBbox.join(',')}`;
  const neighbourhood = await (await fetch(`${app.url}/api/ideas.geojson?${bboxQuery}`)).json();
  results.push(await measure(`GeoJSON, neighbourhood bbox (${neighbourhood.features.length.toLocaleString('en')} ideas)`, `${app.url}/api/ideas.geojson?${bboxQuery}`));
  results.push(await measure('list page /ideas', `${app.url}/ideas`));
  results.push(await measure('idea page', `${app.url}/ideas/${ideaId}`));
  results.push(await measure('map page /', `${app.url}/`));
  const city = await measure('GeoJSON, whole city (sequential)', `${app.url}/api/ideas.geojson?bbox=${cityBbox.join(',')}`, { connections: 1, amount: 5 });
  const cityResponse = await fetch(`${app.url}/api/ideas.geojson`);
  const cityBody = Buffer.from(await cityResponse.arrayBuffer());
  const supportsBefore = (await (await fetch(`${app.url}/api/ideas/${ideaId}`)).json()).supportCount;
  let nextResident = 0;
  const burst = await autocannon({
    url: `${app.url}/ideas/${ideaId}/support`,
    connections: 50,
    amount: residents.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const resident = residents[nextResident++ % residents.length];
          return {
            ...request,
            headers: { ...request.headers, cookie: resident.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
            body: `_csrf=${resident.csrf}`,
          };
        },
      },
    ],
  });
  const supportsAfter = (await (await fetch(`${app.url}/api/ideas/${ideaId}`)).json()).supportCount;
  // Export memory: the server's resident set, sampled every 20 ms while it exports every idea.
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${app.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const exportFigures: string[] = [];
  for (const format of ['csv', 'geojson', 'xlsx']) {
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
    const started = Date.now();
    const response = await fetch(`${app.url}/admin/exports/ideas.${format}`, { headers: { cookie: staff[0].cookie } });
    let bytes = 0;
    for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength;
    clearInterval(sampler);
    exportFigures.push(
      `${format}: ${response.status}, ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s, RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB during`,
    );
  }
  // SSE fan-out: a tenth of the streams are projectors (the facilitator's session), the rest participants' phones.
  const projectorStreams = Math.max(1, Math.round(fanOutStreams / 10));
  const fanOut = await measureFanOut({
    streams: room.participants.map((participant, index) =>
      index < projectorStreams
        ? { url: `${app.url}/workshops/${room.workshopId}/stream`, cookie: staff[0].cookie }
        : { url: `${app.url}/w/${room.joinCode}/stream`, cookie: participant.cookie },
    ),
    messages: fanOutMessages,
    send: async (message) => {
      const voter = room.participants[(message - 1) % room.participants.length];
      const response = await fetch(`${app.url}/w/${room.joinCode}/ideas/${room.ideaId}/dots`, {
        method: 'POST',
        headers: { cookie: voter.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${voter.token}&change=add`,
      });
      if (response.status !== 200) throw new Error(`vote answered ${response.status}`);
    },
    seen: (data) => JSON.parse(data).dotsSpent,
  });
  const anonymousCookies = ['/', '/ideas', `/ideas/${ideaId}`, '/api/ideas.geojson?' + bboxQuery].map(async (page) => (await fetch(app.url + page)).headers.get('set-cookie'));
  const cookiesSet = (await Promise.all(anonymousCookies)).filter(Boolean).length;
  await stopServer(app.child);

  const trivialServer = await startServer(['-e', trivialFanOutServer], {});
  const trivialFanOut = await measureFanOut({
    streams: Array.from({ length: fanOutStreams }, () => ({ url: `${trivialServer.url}/stream`, cookie: '' })),
    messages: fanOutMessages,
    send: async () => {
      await (await fetch(`${trivialServer.url}/send`, { method: 'POST' })).text();
    },
    seen: Number,
  });
  await stopServer(trivialServer.child);

  const [httpBase, expressBase] = results;
  const table = results.map((row) => ({
    target: row.name,
    'req/s': Math.round(row.requestsPerSecond),
    'p50 ms': row.p50,
    'p99 ms': row.p99,
    'vs node:http': `${((row.requestsPerSecond / httpBase.requestsPerSecond) * 100).toFixed(0)} %`,
    'vs Express': `${((row.requestsPerSecond / expressBase.requestsPerSecond) * 100).toFixed(0)} %`,
    errors: row.errors,
  }));
  console.table(table);
  console.log(`Whole city GeoJSON: ${(cityBody.length / 1e6).toFixed(1)} MB (${(zlib.gzipSync(cityBody).length / 1e6).toFixed(1)} MB gzipped), ${JSON.parse(cityBody.toString()).features.length.toLocaleString('en')} features, p50 ${city.p50} ms, p99 ${city.p99} ms (target < 1000 ms)`);

  const mapAssets = [
    'node_modules/leaflet/dist/leaflet.js',
    'node_modules/leaflet/dist/leaflet.css',
    'node_modules/leaflet.markercluster/dist/leaflet.markercluster.js',
    'node_modules/leaflet.markercluster/dist/MarkerCluster.css',
    'node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css',
    'public/css/main.css',
    'public/js/map-common.js',
    'public/js/ideas-map.js',
  ];
  const assetBytes = mapAssets.reduce((sum, asset) => sum + gzippedSize(asset), 0);
  console.log(`Map page JS + CSS (Leaflet and markercluster included): ${(assetBytes / 1024).toFixed(1)} kB gzipped (target < 100 kB)`);
  console.log(`Anonymous responses that set a cookie: ${cookiesSet} of 4`);
  console.log(`Exports of all ${ideaCount.toLocaleString('en')} ideas (one after another): ${exportFigures.join('; ')}`);
  console.log(
    `Support burst: ${residents.length.toLocaleString('en')} supports from as many logged-in residents, 50 connections: ` +
      `${Math.round(burst.requests.average)} req/s, p50 ${burst.latency.p50} ms, p99 ${burst.latency.p99} ms, ` +
      `${burst['2xx']} answered 2xx, count went ${supportsBefore} → ${supportsAfter} (${supportsAfter - supportsBefore === residents.length ? 'exact' : 'NOT exact'})`,
  );

  const fanOutLine = (name: string, figures: FanOutFigures) =>
    `${name}: to the last of ${figures.streams} streams p50 ${figures.lastP50.toFixed(1)} ms, p99 ${figures.lastP99.toFixed(1)} ms; per stream p50 ${figures.eachP50.toFixed(1)} ms`;
  console.log(
    `SSE fan-out, ${fanOutMessages} votes one after another (${projectorStreams} projector and ${fanOutStreams - projectorStreams} participant streams; target < 1000 ms):\n` +
      `  ${fanOutLine('Kopā, vote → NOTIFY → snapshot', fanOut)}\n` +
      `  ${fanOutLine('baseline, bare node:http writing a trivial event', trivialFanOut)}\n` +
      `  ratio to the baseline (last stream, p50): ${(fanOut.lastP50 / Math.max(0.001, trivialFanOut.lastP50)).toFixed(1)}×`,
  );

  await dropBenchDatabase();
  fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
