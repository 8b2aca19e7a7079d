/**
 * npm run bench: the baselines (bare node:http and Express hello) and Kopā on PGlite (and on
 * PostgreSQL when DATABASE_URL is set), each server in its own process and each database seeded
 * afresh, measured in one run so every figure is compared with baselines taken on the same noisy
 * machine. BENCH_IDEAS (default 2000,100000), BENCH_SECONDS (5), BENCH_ONLY (reads, mixed,
 * burst, exports, sse), BENCH_DATABASES (pglite, postgres), BENCH_CONNECTIONS (10),
 * BENCH_SUPPORTERS (1000), BENCH_WRITERS (200) and BENCH_STREAMS (200) choose what runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { projectRoot } from '../server/paths';
import { measure } from './bench-load';
import { benchOptions } from './bench-options';
import { printBaselines, printSummary, type Baselines } from './bench-report';
import { runScenario, type ScenarioResult } from './bench-scenario';
import { expressHello, httpHello, startServer, stopServer } from './bench-servers';
import { measureFanOut, trivialFanOutServer } from './bench-sse';

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

async function measureBaselines(options: ReturnType<typeof benchOptions>): Promise<Baselines> {
  const run = { seconds: options.seconds, connections: options.connections };
  const httpServer = await startServer(['-e', httpHello], {});
  const httpFigures = await measure('baseline: node:http hello', httpServer.url, run).finally(() => stopServer(httpServer.child));
  const expressServer = await startServer(['-e', expressHello], {});
  const expressFigures = await measure('baseline: Express hello', expressServer.url, run).finally(() => stopServer(expressServer.child));
  const baselines: Baselines = { httpHello: httpFigures, expressHello: expressFigures };
  if (options.parts.has('sse')) {
    const trivialServer = await startServer(['-e', trivialFanOutServer], {});
    baselines.trivialFanOut = await measureFanOut({
      streams: Array.from({ length: options.streams }, () => ({ url: `${trivialServer.url}/stream`, cookie: '' })),
      messages: 30,
      send: async () => {
        await (await fetch(`${trivialServer.url}/send`, { method: 'POST' })).text();
      },
      seen: Number,
    }).finally(() => stopServer(trivialServer.child));
  }
  return baselines;
}

async function main(): Promise<void> {
  const options = benchOptions();
  const started = Date.now();
  console.log(
    `Kopā bench: ${options.databases.join(' and ')} at ${options.ideaCounts.map((count) => count.toLocaleString('en')).join(' and ')} ideas; ` +
      `parts ${[...options.parts].join(', ')}; each run ${options.seconds} s, ${options.connections} connections, Accept-Encoding gzip, br; ` +
      `load generator on the same machine (${os.cpus().length} cores), Node ${process.version}`,
  );
  const baselines = await measureBaselines(options);
  printBaselines(baselines);
  const assetBytes = mapAssets.reduce((sum, asset) => sum + zlib.gzipSync(fs.readFileSync(path.join(projectRoot, asset)), { level: 9 }).length, 0);
  console.log(`Map page JS + CSS (Leaflet and markercluster included): ${(assetBytes / 1024).toFixed(1)} kB gzipped (aim < 100 kB)`);

  const results: ScenarioResult[] = [];
  for (const database of options.databases) {
    for (const ideaCount of options.ideaCounts) results.push(await runScenario(database, ideaCount, options, baselines));
  }
  printSummary(results, baselines);
  console.log(`\nWhole bench: ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
