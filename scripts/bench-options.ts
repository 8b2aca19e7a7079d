/** What `npm run bench` measures, from the environment; every figure defaults to a run under 15 min on 2 cores. */
export const benchParts = ['reads', 'mixed', 'burst', 'exports', 'sse'] as const;
export type BenchPart = (typeof benchParts)[number];
export type BenchDatabase = 'pglite' | 'postgres';

/**
 * Unless BENCH_ONLY picks parts, the parts that do not depend on the number of ideas run once
 * per database, at the smallest size (the support burst, the SSE fan-out), and the exports at
 * the largest, where their memory matters; so the whole bench stays under 15 min.
 */
export function partsAt(options: BenchOptions, ideaCount: number): Set<BenchPart> {
  if (options.partsChosen) return options.parts;
  const smallest = Math.min(...options.ideaCounts);
  const largest = Math.max(...options.ideaCounts);
  return new Set(
    [...options.parts].filter(
      (part) => (part !== 'burst' && part !== 'sse' && part !== 'exports') || (part === 'exports' ? ideaCount === largest : ideaCount === smallest),
    ),
  );
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${process.env[name]}`);
  return value;
}

export interface BenchOptions {
  ideaCounts: number[];
  databases: BenchDatabase[];
  parts: Set<BenchPart>;
  /** BENCH_ONLY was given: every part asked for runs at every size. */
  partsChosen: boolean;
  seconds: number;
  connections: number;
  databaseUrl?: string;
  supporters: number;
  writers: number;
  streams: number;
  /** Requests per second of the mixed run below saturation; unset: half the saturated run's. */
  mixedRate?: number;
}

export function benchOptions(): BenchOptions {
  const databaseUrl = process.env.DATABASE_URL;
  const ideaCounts = list('BENCH_IDEAS', '2000,100000').map((count) => {
    const value = Number(count.replace(/_/g, ''));
    if (!Number.isInteger(value) || value < 100) throw new Error(`BENCH_IDEAS: ${count} is not a count of at least 100 ideas`);
    return value;
  });
  const parts = list('BENCH_ONLY', benchParts.join(','));
  const unknownPart = parts.find((part) => !(benchParts as readonly string[]).includes(part));
  if (unknownPart) throw new Error(`BENCH_ONLY: ${unknownPart} is none of ${benchParts.join(', ')}`);
  const databases = list('BENCH_DATABASES', databaseUrl ? 'pglite,postgres' : 'pglite');
  for (const database of databases) {
    if (database !== 'pglite' && database !== 'postgres') throw new Error(`BENCH_DATABASES: ${database} is neither pglite nor postgres`);
    if (database === 'postgres' && !databaseUrl) throw new Error('BENCH_DATABASES=postgres needs DATABASE_URL');
  }
  return {
    ideaCounts,
    databases: databases as BenchDatabase[],
    parts: new Set(parts as BenchPart[]),
    partsChosen: process.env.BENCH_ONLY !== undefined,
    seconds: positiveNumber('BENCH_SECONDS', 5),
    connections: positiveNumber('BENCH_CONNECTIONS', 10),
    databaseUrl,
    supporters: positiveNumber('BENCH_SUPPORTERS', 1000),
    writers: positiveNumber('BENCH_WRITERS', 200),
    streams: positiveNumber('BENCH_STREAMS', 200),
    mixedRate: process.env.BENCH_MIXED_RATE === undefined ? undefined : positiveNumber('BENCH_MIXED_RATE', 1),
  };
}
