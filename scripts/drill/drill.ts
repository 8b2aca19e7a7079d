/**
 * `npm run drill`: Kopā as 3 processes behind Debian's nginx (deploy/nginx.conf) on a PostgreSQL
 * of its own, all on loopback in a temporary folder. It measures throughput with 1, 2 and 3
 * processes, then runs a mixed load during which it SIGKILLs one process, restarts it, and
 * restarts PostgreSQL; then it checks the database against what the clients were answered.
 * Exits 1 when a check fails. Flags:
 *   --together   start the 3 processes at once on the empty database (migrations race; issue 14)
 *   --seconds=N  length of the fault run (default 48)
 *   --postgres-down=N  stop PostgreSQL for N seconds, then start it, instead of `pg_ctl restart`
 *   --keep       leave the temporary folder (logs) for reading after a failure
 */
import path from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { openDatabase } from '../../server/db/database';
import { checkWrites, dotsPerIdea, type Check } from './checks';
import { DrillNginx, DrillPostgres, KopaProcesses, cleanUp, freePort, healthy, makeWorkDir, sleep, tail, type KopaProcess } from './cluster';
import { composeProblems } from './compose-check';
import { newLedger, startLoad, type LoadRun, type Outcome } from './load';
import { seedDrill, type DrillData } from './seed';
import { ProjectorStream } from './streams';

const args = process.argv.slice(2);
const together = args.includes('--together');
const faultRunSeconds = Number(args.find((arg) => arg.startsWith('--seconds='))?.split('=')[1] ?? 48);
const throughputSeconds = 5;
/** --postgres-down=N: stop PostgreSQL for N seconds instead of `pg_ctl restart` (a longer outage). */
const postgresDownSeconds = Number(args.find((arg) => arg.startsWith('--postgres-down='))?.split('=')[1] ?? 0);
const healthzTargetMs = 5000;
const sessionSecret = 'drill-session-secret-'.padEnd(48, 'x');

const phaseSeconds: [string, number][] = [];
const checks: Check[] = [];
const drillStarted = performance.now();

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`\n== ${name}\n`);
  try {
    return await run();
  } finally {
    const seconds = (performance.now() - started) / 1000;
    phaseSeconds.push([name, seconds]);
    process.stdout.write(`   (${seconds.toFixed(1)} s)\n`);
  }
}

const say = (line: string) => process.stdout.write(`   ${line}\n`);
const ms = (value: number) => `${Math.round(value)} ms`;

interface Window {
  name: string;
  from: number;
  to: number;
}

function windowFigures(outcomes: Outcome[], window: Window) {
  const inside = outcomes.filter((outcome) => outcome.at >= window.from && outcome.at < window.to);
  const ok = inside.filter((outcome) => outcome.status >= 200 && outcome.status < 400).map((outcome) => outcome.at);
  let gap = 0;
  let previous = window.from;
  for (const at of ok.sort((a, b) => a - b)) {
    gap = Math.max(gap, at - previous);
    previous = at;
  }
  gap = Math.max(gap, window.to - previous);
  const byStatus = new Map<string, number>();
  for (const outcome of inside.filter((o) => o.status >= 500 || o.status === 0)) {
    const key = `${outcome.kind} ${outcome.status || 'cut'}`;
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
  }
  return {
    requests: inside.length,
    fiveXx: inside.filter((outcome) => outcome.status >= 500).length,
    cut: inside.filter((outcome) => outcome.status === 0).length,
    longestGapMs: gap,
    detail: [...byStatus].map(([key, n]) => `${key}: ${n}`).join(', '),
  };
}

async function main(): Promise<number> {
  const problems = composeProblems();
  checks.push({ name: 'docker-compose.yml in step with the drill', ok: problems.length === 0, detail: problems.join('; ') || 'same nginx.conf, same Kopā environment' });

  const workDir = makeWorkDir();
  say(`work folder ${workDir}`);
  const postgres = await phase('PostgreSQL of its own (initdb, pg_ctl)', async () => {
    const started = await DrillPostgres.start(workDir);
    say(`PostgreSQL 15 on 127.0.0.1:${started.port}, fsync off`);
    return started;
  });

  const nginxPort = await freePort();
  const kopaEnv: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: postgres.url,
    SESSION_SECRET: sessionSecret,
    BASE_URL: `http://127.0.0.1:${nginxPort}`,
    TRUST_PROXY: 'loopback',
    PHOTO_STORE: 'database',
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(workDir, 'data'),
    // Used when the photo store is the disk (one machine here: the processes share the folder).
    UPLOAD_DIR: path.join(workDir, 'uploads'),
  };
  const kopa = new KopaProcesses(kopaEnv, workDir);
  const processes = [await kopa.add(), await kopa.add(), await kopa.add()];

  await phase(`3 Kopā processes${together ? ', started together on the empty database' : ', started one after another'}`, async () => {
    if (together) {
      for (const process of processes) kopa.spawn(process);
      const results = await Promise.allSettled(processes.map((process) => kopa.ready(process)));
      const failed = results.flatMap((result, index) => (result.status === 'rejected' ? [`process ${index + 1}: ${(result.reason as Error).message}`] : []));
      checks.push({ name: 'migrations: 3 processes started together', ok: failed.length === 0, detail: failed.join('\n') || 'all 3 ready' });
      if (failed.length) throw new Error(`processes started together failed:\n${failed.join('\n')}`);
    } else {
      for (const process of processes) {
        const started = performance.now();
        kopa.spawn(process);
        await kopa.ready(process);
        say(`process ${process.index} on :${process.port} ready in ${ms(performance.now() - started)}`);
      }
    }
  });

  const nginx = await phase('nginx with deploy/nginx.conf', async () => {
    const started = await DrillNginx.start(workDir, processes.map((process) => process.port), nginxPort);
    say(`nginx on ${started.url} → ${processes.map((process) => `:${process.port}`).join(' ')}`);
    return started;
  });

  const data = await phase('seeding (residents, consultation, workshop of 30)', async () => {
    const db = openDatabase({ databaseUrl: postgres.url });
    try {
      if (together) {
        const twice: { name: string }[] = (await db.raw('select name from knex_migrations group by name having count(*) > 1')).rows;
        checks.push({ name: 'migrations ran once', ok: twice.length === 0, detail: twice.length ? `recorded more than once: ${twice.map((row) => row.name).join(', ')}` : 'each recorded once' });
      }
      const seeded = await seedDrill(db, sessionSecret);
      say(`${seeded.residents.length} residents logged in, ${seeded.hotIdeaIds.length} ideas to support, workshop ${seeded.workshop.id} with ${seeded.workshop.participants.length} participants`);
      return seeded;
    } finally {
      await db.destroy();
    }
  });
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg().toBuffer();

  const throughput = await phase(`throughput with 1, 2, 3, 3, 2 and 1 processes (${throughputSeconds} s each)`, async () => {
    // Every process warms up first (V8 compiles the hot paths), so none starts the measurement cold.
    const warmUp = startLoad({ url: nginx.url, data, photo, readers: 16, loggedInReads: true, writers: { supporters: 0, commenters: 0, ideaSubmitters: 0, voters: 0 } }, newLedger());
    await sleep(3000);
    warmUp.stop();
    await warmUp.done;
    // 1, 2, 3, 3, 2, 1: a machine that gets busier or quieter during the phase skews no count.
    const perCount = new Map<number, number[]>();
    for (const count of [1, 2, 3, 3, 2, 1]) {
      await nginx.reload(processes.slice(0, count).map((process) => process.port));
      const run = startLoad({ url: nginx.url, data, photo, readers: 16, loggedInReads: true, writers: { supporters: 0, commenters: 0, ideaSubmitters: 0, voters: 0 } }, newLedger());
      await sleep(throughputSeconds * 1000);
      run.stop();
      await run.done;
      const good = run.outcomes.filter((outcome) => outcome.status === 200).length;
      const bad = run.outcomes.length - good;
      perCount.set(count, [...(perCount.get(count) ?? []), good / throughputSeconds]);
      say(`${count} process${count > 1 ? 'es' : ''}: ${(good / throughputSeconds).toFixed(0)} answers/s${bad ? ` (${bad} not 200)` : ''}`);
    }
    const figures = [1, 2, 3].map((count) => perCount.get(count)!.reduce((sum, value) => sum + value, 0) / 2);
    await nginx.reload(processes.map((process) => process.port));
    return figures;
  });

  const fault = await phase(`mixed load for ${faultRunSeconds} s with faults`, () => faultRun(postgres, kopa, processes, nginx, data, photo));

  await phase('projector streams catch up', async () => {
    const db = openDatabase({ databaseUrl: postgres.url });
    try {
      const truth = await dotsPerIdea(db, data.workshop.id);
      const total = [...truth.values()].reduce((sum, n) => sum + n, 0);
      const shows = (stream: ProjectorStream) =>
        stream.last !== undefined && stream.last.dotsSpent === total && stream.last.ideas.every((idea) => (truth.get(idea.id) ?? 0) === idea.dots);
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline && !fault.streams.every(shows)) await sleep(100);
      for (const [index, stream] of fault.streams.entries()) {
        const ok = shows(stream);
        checks.push({
          name: `projector stream ${index + 1} reconnected and caught up`,
          ok: ok && !stream.down,
          detail: `${stream.connects} connections, lost ${stream.drops.length}× (longest outage ${ms(stream.longestOutageMs)}), ${stream.events} events; last shows ${stream.last?.dotsSpent ?? '–'} dots, the database ${total}`,
        });
        stream.close();
      }
    } finally {
      await db.destroy();
    }
  });

  await phase('checking the database against the answers', async () => {
    const db = openDatabase({ databaseUrl: postgres.url });
    try {
      checks.push(...(await checkWrites(db, data, fault.run.ledger)));
    } finally {
      await db.destroy();
    }
  });

  for (const process of processes) {
    checks.push({ name: `process ${process.index} stayed up (but for the drill's SIGKILL)`, ok: process.unexpectedExits.length === 0, detail: process.unexpectedExits.join('; ') || 'yes' });
  }
  await phase('stopping', async () => {
    await nginx.stop();
    await kopa.stopAll();
  });

  // The report.
  process.stdout.write('\n== Figures\n');
  say(`throughput (mean of two runs each): 1 process ${throughput[0].toFixed(0)}/s; 2: ×${(throughput[1] / throughput[0]).toFixed(2)}; 3: ×${(throughput[2] / throughput[0]).toFixed(2)} (2 cores shared by nginx, PostgreSQL, the processes and the drill)`);
  say(`fault run: ${fault.run.outcomes.length} requests, ${fault.perSecond.toFixed(0)}/s`);
  for (const window of fault.windows) {
    say(`${window.name.padEnd(34)} ${String(window.figures.requests).padStart(6)} requests, ${window.figures.fiveXx} 5xx, ${window.figures.cut} cut, longest gap ${ms(window.figures.longestGapMs)}${window.figures.detail ? ` (${window.figures.detail})` : ''}`);
  }
  say(`killed process back (start to /healthz 200): ${ms(fault.restartMs)}`);
  say(`PostgreSQL accepting again → first good /healthz: ${fault.healthz.map((entry) => `process ${entry.index} ${entry.ms === undefined ? 'never (30 s)' : ms(entry.ms)}`).join(', ')}`);
  say(`/healthz answers seen from the restart to PostgreSQL accepting: ${fault.healthz.map((entry) => `process ${entry.index} ${entry.outage}`).join(', ')}`);
  process.stdout.write('\n== Checks\n');
  for (const check of checks) say(`${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  process.stdout.write('\n== Phases\n');
  for (const [name, seconds] of phaseSeconds) say(`${seconds.toFixed(1).padStart(6)} s  ${name}`);
  say(`${((performance.now() - drillStarted) / 1000).toFixed(1).padStart(6)} s  in all`);
  const failed = checks.filter((check) => !check.ok);
  if (failed.length) {
    process.stdout.write(`\nDRILL FAILED: ${failed.length} check${failed.length > 1 ? 's' : ''} failed (${failed.map((check) => check.name).join('; ')})\n`);
    for (const process of processes) printLog(process);
    return 1;
  }
  process.stdout.write('\nDRILL PASSED\n');
  return 0;
}

function printLog(kopa: KopaProcess) {
  process.stdout.write(`\n-- last lines of process ${kopa.index}'s log (${kopa.log})\n${tail(kopa.log, 8)}\n`);
}

async function postgresAccepts(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The mixed load with its faults, on a fixed schedule (fractions of the run):
 * SIGKILL process 2 at 1/6, start it again at 5/12, restart PostgreSQL at 2/3.
 */
async function faultRun(postgres: DrillPostgres, kopa: KopaProcesses, processes: KopaProcess[], nginx: DrillNginx, data: DrillData, photo: Buffer) {
  const total = faultRunSeconds * 1000;
  const killAt = total / 6;
  const restartAt = (total * 5) / 12;
  const postgresAt = (total * 2) / 3;
  const run: LoadRun = startLoad(
    { url: nginx.url, data, photo, readers: 6, loggedInReads: false, writers: { supporters: 3, commenters: 1, ideaSubmitters: 1, voters: 3 } },
    newLedger(),
  );
  const clock = () => performance.now() - run.startedAt;
  const streams = [1, 2].map(() => new ProjectorStream(`${nginx.url}/workshops/${data.workshop.id}/stream`, data.staff.cookie, clock));
  for (const stream of streams) stream.open();
  const victim = processes[1];
  const at = async (ms: number) => {
    const wait = ms - clock();
    if (wait > 0) await sleep(wait);
  };

  await at(killAt);
  const killedAt = clock();
  kopa.kill(victim);
  say(`${(killedAt / 1000).toFixed(1)} s: SIGKILL process ${victim.index}`);

  await at(restartAt);
  const restartedAt = clock();
  kopa.spawn(victim);
  await kopa.ready(victim);
  const restartMs = clock() - restartedAt;
  say(`${(restartedAt / 1000).toFixed(1)} s: process ${victim.index} started again, ready after ${ms(restartMs)}`);

  await at(postgresAt);
  const postgresRestartedAt = clock();
  say(`${(postgresRestartedAt / 1000).toFixed(1)} s: ${postgresDownSeconds ? `pg_ctl stop -m fast, start ${postgresDownSeconds} s later` : 'pg_ctl restart -m fast'}`);
  // Watch for the moment PostgreSQL accepts again (after having refused), more finely than pg_ctl's wait.
  let acceptingAt: number | undefined;
  let sawDown = false;
  const watcher = (async () => {
    for (const deadline = clock() + 60_000; clock() < deadline; ) {
      const up = await postgresAccepts(postgres.url);
      if (!up) sawDown = true;
      if (up && sawDown) {
        acceptingAt = clock();
        return;
      }
      await sleep(20);
    }
  })();
  // What each process's /healthz said while PostgreSQL was away (a 503 shows it noticed).
  const duringOutage = processes.map(() => new Set<number>());
  const outageProbe = Promise.all(
    processes.map(async (process, index) => {
      while (acceptingAt === undefined && clock() < postgresRestartedAt + 60_000) {
        const status = await fetch(`${process.url}/healthz`, { signal: AbortSignal.timeout(500) }).then((response) => response.status, () => 0);
        duringOutage[index].add(status);
        await sleep(50);
      }
    }),
  );
  await postgres.restart(postgresDownSeconds * 1000);
  await watcher;
  await outageProbe;
  acceptingAt ??= clock();
  say(`${(acceptingAt / 1000).toFixed(1)} s: PostgreSQL accepts connections again`);
  const healthz = await Promise.all(
    processes.map(async (process) => {
      for (const deadline = acceptingAt! + 30_000; clock() < deadline; ) {
        if (await healthy(process.url, 500)) return { index: process.index, ms: clock() - acceptingAt! };
        await sleep(100);
      }
      return { index: process.index, ms: undefined };
    }),
  ).then((entries) => entries.map((entry, index) => ({ ...entry, outage: [...duringOutage[index]].map((status) => status || 'no answer').join('/') })));
  for (const entry of healthz) {
    checks.push({
      name: `process ${entry.index}: /healthz good within ${healthzTargetMs / 1000} s of PostgreSQL accepting`,
      ok: entry.ms !== undefined && entry.ms < healthzTargetMs,
      detail: entry.ms === undefined ? 'no good /healthz within 30 s' : ms(entry.ms),
    });
  }

  await at(total);
  run.stop();
  await run.done;
  const ended = clock();
  const windows: Window[] = [
    { name: 'calm (before any fault)', from: 0, to: killedAt },
    { name: `SIGKILL of process ${victim.index}`, from: killedAt, to: restartedAt },
    { name: `process ${victim.index} starting again`, from: restartedAt, to: postgresRestartedAt },
    { name: postgresDownSeconds ? `PostgreSQL down ${postgresDownSeconds} s` : 'PostgreSQL restart (-m fast)', from: postgresRestartedAt, to: ended },
  ];
  const figures = windows.map((window) => ({ ...window, figures: windowFigures(run.outcomes, window) }));
  const calm = figures[0].figures;
  checks.push({ name: 'no 5xx before the faults', ok: calm.fiveXx + calm.cut === 0, detail: `${calm.requests} requests, ${calm.fiveXx} 5xx, ${calm.cut} cut${calm.detail ? ` (${calm.detail})` : ''}` });
  // After each fault the cluster answers again within 10 s (the longest stretch without a good answer).
  for (const window of figures.slice(1)) {
    checks.push({ name: `answers again during "${window.name}"`, ok: window.figures.longestGapMs < 10_000, detail: `longest gap without a good answer ${ms(window.figures.longestGapMs)}` });
  }
  return { run, streams, windows: figures, restartMs, healthz, perSecond: run.outcomes.length / (ended / 1000) };
}

// Ctrl-C or a kill: stop every child and remove the folder, then go.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stdout.write(`\n${signal}: stopping the drill's processes and removing its folder\n`);
    cleanUp();
    process.exit(130);
  });
}
process.on('exit', cleanUp);

main()
  .then((code) => {
    cleanUp();
    process.exit(code);
  })
  .catch((error: unknown) => {
    process.stdout.write(`\nDRILL FAILED: ${(error as Error).stack ?? String(error)}\n`);
    for (const check of checks) say(`${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
    cleanUp();
    process.exit(1);
  });
