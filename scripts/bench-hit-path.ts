/**
 * npm run bench:hit-path: what a cache hit costs in front of the cache. Express hello and Kopā
 * (embedded database, 2,000 ideas, NODE_ENV=production, LOG_LEVEL=info) each in their own
 * process; Kopā once whole and once without each middleware in front of the response cache
 * (BENCH_OMIT, read only by scripts/bench-hit-path-server.ts). A middleware's cost is the
 * difference of the time per answer, 1/(req/s), with and without it: the load generator shares
 * the machine, so it is an estimate (it runs twice and averages). BENCH_SECONDS (5),
 * BENCH_CONNECTIONS (10).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hitPathMiddleware } from '../server/app';
import { measure } from './bench-load';
import { browserEncoding } from './bench-http';
import { expressHello, startServer, stopServer } from './bench-servers';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const run = { seconds, connections };
const warmUp = { 'accept-encoding': browserEncoding, 'x-bench-warm-up': '1' };

async function expressHelloRate(): Promise<number> {
  const server = await startServer(['-e', expressHello], {});
  try {
    return (await measure('Express hello', server.url, run)).requestsPerSecond;
  } finally {
    await stopServer(server.child);
  }
}

/** req/s of a cached /api/ideas/:id and /ideas/:id with `omit` left out. */
async function kopaRates(dataDir: string, omit: string): Promise<{ api: number; page: number }> {
  const env = { DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'info', SESSION_SECRET: 'bench-hit-path-secret-'.padEnd(40, 'x'), BENCH_OMIT: omit };
  const server = await startServer(['dist/scripts/bench-hit-path-server.js'], env, '/api/ideas.geojson');
  try {
    const city = (await (await fetch(`${server.url}/api/ideas.geojson`, { headers: warmUp })).json()) as { features: { id: number }[] };
    const id = city.features[0]?.id;
    if (id === undefined) throw new Error('the demo content has no idea on the map');
    const urls = { api: `${server.url}/api/ideas/${id}`, page: `${server.url}/ideas/${id}` };
    for (const url of Object.values(urls)) {
      // Fills the cache and its compressed variant; a hit is what is measured.
      for (let i = 0; i < 3; i++) await (await fetch(url, { headers: warmUp })).arrayBuffer();
    }
    const api = await measure('api', urls.api, run);
    const page = await measure('page', urls.page, run);
    if (api.errors || page.errors) throw new Error(`errors without ${omit || 'nothing'}: ${api.errors} api, ${page.errors} page`);
    return { api: api.requestsPerSecond, page: page.requestsPerSecond };
  } finally {
    await stopServer(server.child);
  }
}

const microseconds = (rate: number) => 1e6 / rate;

async function main(): Promise<void> {
  console.log(`Hit path: ${seconds} s runs, ${connections} connections, Accept-Encoding ${browserEncoding}, ${os.cpus().length} cores, Node ${process.version}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-hit-path-'));
  try {
    const hello: number[] = [];
    const whole: { api: number; page: number }[] = [];
    const without = new Map<string, { api: number; page: number }[]>();
    // Two rounds, interleaved, so that a noisy minute does not land on one variant only.
    for (let round = 0; round < 2; round++) {
      hello.push(await expressHelloRate());
      whole.push(await kopaRates(dataDir, ''));
      for (const name of hitPathMiddleware) without.set(name, [...(without.get(name) ?? []), await kopaRates(dataDir, name)]);
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const helloRate = mean(hello);
    const api = mean(whole.map((rates) => rates.api));
    const page = mean(whole.map((rates) => rates.page));
    const ratio = (rate: number) => `${((rate / helloRate) * 100).toFixed(0)} %`;
    console.log(`Express hello: ${helloRate.toFixed(0)} req/s (${hello.map((rate) => rate.toFixed(0)).join(', ')})`);
    console.log(`Kopā, cache hit: /api/ideas/:id ${api.toFixed(0)} req/s (${ratio(api)} of Express hello), /ideas/:id ${page.toFixed(0)} req/s (${ratio(page)})`);
    console.log('Without one middleware         api req/s  cost µs   page req/s  cost µs');
    for (const [name, rates] of without) {
      const apiWithout = mean(rates.map((rate) => rate.api));
      const pageWithout = mean(rates.map((rate) => rate.page));
      console.log(
        `  ${name.padEnd(28)} ${apiWithout.toFixed(0).padStart(9)} ${(microseconds(api) - microseconds(apiWithout)).toFixed(1).padStart(8)}` +
          `   ${pageWithout.toFixed(0).padStart(10)} ${(microseconds(page) - microseconds(pageWithout)).toFixed(1).padStart(8)}`,
      );
    }
    console.log(`(time per answer: Express hello ${microseconds(helloRate).toFixed(1)} µs, Kopā hit ${microseconds(api).toFixed(1)} / ${microseconds(page).toFixed(1)} µs)`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
