import type { Figures } from './bench-load';
import type { MixedFigures } from './bench-mixed';
import type { FanOutFigures } from './bench-sse';
import type { ScenarioResult } from './bench-scenario';
import { mb, ms, share } from './bench-stats';

export interface Baselines {
  httpHello: Figures;
  expressHello: Figures;
  trivialFanOut?: FanOutFigures;
}

/** The issue's aim, as a share of Express hello's req/s: anonymous reads 50 %, the logged-in idea page 10 %. */
export const targetShare = (name: string) => (name.includes('logged in') ? 0.1 : 0.5);

function figureRow(row: Figures, baselines: Baselines, withTarget: boolean) {
  const ofExpress = row.requestsPerSecond / baselines.expressHello.requestsPerSecond;
  return {
    target: row.name,
    'req/s': row.answered === 0 ? 'no answer within the run' : Math.round(row.requestsPerSecond),
    'p50 ms': row.p50,
    'p99 ms': row.p99,
    'first ms': row.firstMs === undefined ? '' : Math.round(row.firstMs),
    'kB/answer': Number((row.bytesPerAnswer / 1024).toFixed(1)),
    'vs Express': share(row.requestsPerSecond, baselines.expressHello.requestsPerSecond),
    'vs node:http': share(row.requestsPerSecond, baselines.httpHello.requestsPerSecond),
    aim: withTarget ? (ofExpress >= targetShare(row.name) ? 'met' : `below ${targetShare(row.name) * 100} %`) : '',
    errors: row.errors,
    ...(row.peakMb === undefined ? {} : { 'RSS peak MB': Math.round(row.peakMb) }),
  };
}

export function printBaselines(baselines: Baselines): void {
  console.table([baselines.httpHello, baselines.expressHello].map((row) => figureRow(row, baselines, false)));
}

const fanOutLine = (name: string, figures: FanOutFigures) =>
  `${name}: to the last of ${figures.streams} streams p50 ${ms(figures.lastP50)}, p99 ${ms(figures.lastP99)}; per stream p50 ${ms(figures.eachP50)}`;

export function printScenario(result: ScenarioResult, baselines: Baselines): void {
  console.log(`\n${result.name}: seeded in ${result.seedSeconds.toFixed(1)} s, Kopā answered after ${result.startSeconds.toFixed(1)} s`);
  if (result.reads.length) {
    console.table(result.reads.map((row) => figureRow(row, baselines, true)));
    const city = result.reads.find((row) => row.name === 'GeoJSON, whole city');
    const bbox = result.reads.find((row) => row.name === 'GeoJSON, neighbourhood bbox');
    if (city) console.log(`Whole city: ${result.cityFeatures?.toLocaleString('en')} features, first (uncached) ${ms(city.firstMs ?? NaN)} (aim < 500 ms), then p50 ${city.answered ? ms(city.p50) : 'n/a (no answer within the run)'}`);
    if (bbox) console.log(`Neighbourhood bbox: ${result.bboxFeatures?.toLocaleString('en')} features, p50 ${bbox.answered ? ms(bbox.p50) : 'n/a (no answer within the run)'} (aim < 20 ms)`);
    for (const row of result.reads) {
      if (!row.sameBytes) continue;
      console.log(
        `${row.name}: ${(row.bytesPerAnswer / 1024).toFixed(1)} kB per answer; a bare node:http sending as many bytes from memory: ${Math.round(row.sameBytes.requestsPerSecond)} req/s ` +
          `(${share(row.sameBytes.requestsPerSecond, baselines.expressHello.requestsPerSecond)} of Express hello); Kopā ${share(row.requestsPerSecond, row.sameBytes.requestsPerSecond)} of that`,
      );
    }
    console.log(`Anonymous answers that set a cookie: ${result.anonymousCookies}`);
  }
  const memory = result.memory;
  console.log(
    `RSS: ${mb(memory.afterStart)} after start` +
      (memory.peakReads === undefined ? '' : `, peak ${mb(memory.peakReads)} during the reads`) +
      (memory.peakMixed === undefined ? '' : `, peak ${mb(memory.peakMixed)} during the mixed run`) +
      `, peak ${mb(memory.peak)} overall, ${mb(memory.afterRun)} after the run`,
  );
  if (typeof result.floor === 'string') console.log(`PGlite floor: ${result.floor}`);
  else if (result.floor) console.log(`PGlite floor (no app code): ${mb(result.floor.inMemoryMb)} in memory, ${mb(result.floor.reopenedMb)} reopening this data folder`);
  if (result.mixed) console.log(mixedLines('Mixed, saturated', result.mixed));
  if (result.mixedAtRate) console.log(mixedLines(`Mixed at a fixed ${result.mixedAtRate.rate} req/s (below saturation)`, result.mixedAtRate));
  const burst = result.burst;
  if (burst) {
    console.log(
      `Support burst: ${burst.supports.toLocaleString('en')} supports from as many logged-in residents, 50 connections: ${Math.round(burst.requestsPerSecond)} req/s, ` +
        `p50 ${ms(burst.p50)}, p99 ${ms(burst.p99)}, ${burst.answered2xx} answered 2xx, count went ${burst.before} → ${burst.after} (${burst.after - burst.before === burst.supports ? 'exact' : 'NOT exact'})`,
    );
  }
  if (result.exports) console.log(`Exports of every idea, one after another: ${result.exports.join('; ')}`);
  if (result.fanOut) {
    console.log(`SSE fan-out, 30 votes one after another (aim < 1000 ms):\n  ${fanOutLine('Kopā, vote → NOTIFY → snapshot', result.fanOut)}`);
    if (baselines.trivialFanOut) {
      console.log(
        `  ${fanOutLine('baseline, bare node:http writing a trivial event', baselines.trivialFanOut)}\n` +
          `  ratio to the baseline (last stream, p50): ${(result.fanOut.lastP50 / Math.max(0.001, baselines.trivialFanOut.lastP50)).toFixed(1)}×`,
      );
    }
  }
  console.log(`Time per part: ${Object.entries(result.partSeconds).map(([part, seconds]) => `${part} ${seconds.toFixed(0)} s`).join(', ')}`);
}

function mixedLines(title: string, mixed: MixedFigures): string {
  const writes = mixed.writes.supports + mixed.writes.comments;
  return (
    `${title}, ${mixed.seconds.toFixed(1)} s: ${Math.round(mixed.requestsPerSecond)} req/s; ${mixed.reads} anonymous reads (p50 ${ms(mixed.readP50)}, p99 ${ms(mixed.readP99)}, ${mixed.readErrors} not 200), ` +
    `${writes} writes (${mixed.writes.supports} supports, ${mixed.writes.comments} comments, ${mixed.writes.failed} refused${mixed.writes.failed ? ` (${Object.entries(mixed.failures).map(([kind, count]) => `${kind} ×${count}`).join(', ')})` : ''}; p50 ${ms(mixed.writeP50)}, p99 ${ms(mixed.writeP99)})\n` +
    `  write → first read that shows it: p50 ${ms(mixed.visibleP50)}, p99 ${ms(mixed.visibleP99)} (aim < 100 ms), max ${ms(mixed.visibleMax)}; ` +
    `${mixed.visibleOnFirstRead} of ${writes} seen by the very next read, ${mixed.neverVisible} never within 10 s; ${mixed.polls} extra reads to check`
  );
}

/** One table over every scenario: req/s and the share of Express hello. */
export function printSummary(results: ScenarioResult[], baselines: Baselines): void {
  if (results.length < 2 || !results.some((result) => result.reads.length)) return;
  const names = results[0].reads.map((row) => row.name);
  console.log(`\nSummary: req/s (share of Express hello's ${Math.round(baselines.expressHello.requestsPerSecond)} req/s), p50`);
  console.table(
    names.map((name) => ({
      target: name,
      ...Object.fromEntries(
        results.map((result) => {
          const row = result.reads.find((candidate) => candidate.name === name);
          return [result.name, row ? `${Math.round(row.requestsPerSecond)} (${share(row.requestsPerSecond, baselines.expressHello.requestsPerSecond)}), ${ms(row.p50)}` : ''];
        }),
      ),
    })),
  );
  console.table(
    results.map((result) => ({
      scenario: result.name,
      'RSS after start': mb(result.memory.afterStart),
      'RSS peak': mb(result.memory.peak),
      'RSS after run': mb(result.memory.afterRun),
      'write → visible p50': result.mixed ? ms(result.mixed.visibleP50) : '',
      'write → visible p99': result.mixed ? ms(result.mixed.visibleP99) : '',
      'at a fixed rate: p99': result.mixedAtRate ? `${ms(result.mixedAtRate.visibleP99)} at ${result.mixedAtRate.rate} req/s` : '',
    })),
  );
}
