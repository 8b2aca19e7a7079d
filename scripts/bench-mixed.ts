import http from 'node:http';
import { request } from './bench-http';
import { percentile } from './bench-stats';
import { seededRandom } from './load-helpers';

export interface Resident {
  cookie: string;
  csrf: string;
}

export interface MixedFigures {
  seconds: number;
  reads: number;
  writes: { supports: number; comments: number; failed: number };
  /** Status codes of the writes that failed, with how many: "supports 409": 2. */
  failures: Record<string, number>;
  requestsPerSecond: number;
  readP50: number;
  readP99: number;
  writeP50: number;
  writeP99: number;
  /** ms from a write's answer to the answer of the first read that shows it. */
  visibleP50: number;
  visibleP99: number;
  visibleMax: number;
  /** Writes whose very next read already showed them. */
  visibleOnFirstRead: number;
  neverVisible: number;
  polls: number;
  readErrors: number;
}

/**
 * `connections` visitors for `seconds`: each request is an anonymous read (`reads`, chosen at
 * random) or, with `writeShare`, a support or a comment by one of `writers` on one of
 * `ideaIds`. After each write a separate reader asks, back to back, for the answer that must
 * show it (the idea's API answer for a support, the idea page, newest comments first, for a
 * comment) until it does; the time from the write's answer to that read's answer is the
 * write-to-visible time. The run goes on past `seconds` until 50 writes were made (at most 6×).
 */
export async function measureMixed(options: {
  url: string;
  seconds: number;
  connections: number;
  /** Paths of anonymous reads, one picked at random each time; `{id}` stands for one of `ideaIds`. */
  reads: string[];
  ideaIds: number[];
  writers: Resident[];
  writeShare?: number;
  /**
   * Requests per second started on a fixed schedule (open loop, at most `connections` × 4 at
   * once) instead of `connections` visitors back to back: a load below saturation, where a
   * write's delay is the read path's own and not the queue in front of it.
   */
  rate?: number;
}): Promise<MixedFigures> {
  const writeShare = options.writeShare ?? 0.05;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections * 5 });
  const random = seededRandom(12);
  const readTimes: number[] = [];
  const writeTimes: number[] = [];
  const visibleTimes: number[] = [];
  const writes = { supports: 0, comments: 0, failed: 0 };
  const failures: Record<string, number> = {};
  const failed = (kind: string, status: number) => {
    writes.failed++;
    failures[`${kind} ${status}`] = (failures[`${kind} ${status}`] ?? 0) + 1;
  };
  let readErrors = 0;
  let polls = 0;
  let firstTime = 0;
  let neverVisible = 0;
  let writeNumber = 0;
  let supportNumber = 0;
  let commentNumber = 0;
  const pollers: Promise<void>[] = [];
  // At least `minimumWrites` writes for a p99 that means something, however slow the server; never over 6 runs' time.
  const minimumWrites = 50;
  const startedAt = performance.now();
  const goOn = () => {
    const elapsed = performance.now() - startedAt;
    return elapsed < options.seconds * 1000 || (writeNumber < minimumWrites && elapsed < options.seconds * 6000);
  };

  async function pollUntil(url: string, shows: (body: Buffer) => boolean, since: number): Promise<void> {
    for (let attempt = 1; performance.now() - since < 10_000; attempt++) {
      polls++;
      const answer = await request(agent, url, { decode: true });
      if (answer.status === 200 && answer.body && shows(answer.body)) {
        visibleTimes.push(performance.now() - since);
        if (attempt === 1) firstTime++;
        return;
      }
    }
    neverVisible++;
  }

  async function write(): Promise<void> {
    const support = writeNumber++ % 2 === 0;
    const number = support ? supportNumber++ : commentNumber++;
    const writerIndex = number % options.writers.length;
    const writer = options.writers[writerIndex];
    // Each writer goes through the ideas in turn, so every support is new until each writer has supported every idea.
    const ideaId = options.ideaIds[(Math.floor(number / options.writers.length) + writerIndex) % options.ideaIds.length];
    const headers = { cookie: writer.cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const started = performance.now();
    if (support) {
      const answer = await request(agent, `${options.url}/ideas/${ideaId}/support`, {
        method: 'POST',
        headers: { ...headers, accept: 'application/json' },
        body: `_csrf=${writer.csrf}`,
        decode: true,
      });
      writeTimes.push(performance.now() - started);
      if (answer.status !== 200) return failed('support', answer.status);
      writes.supports++;
      const { supportCount } = JSON.parse(answer.body!.toString()) as { supportCount: number };
      const answered = performance.now();
      pollers.push(pollUntil(`${options.url}/api/ideas/${ideaId}`, (body) => (JSON.parse(body.toString()) as { supportCount: number }).supportCount >= supportCount, answered));
    } else {
      const text = `Bench comment ${number} ${Date.now().toString(36)}`;
      const answer = await request(agent, `${options.url}/ideas/${ideaId}/comments`, {
        method: 'POST',
        headers,
        body: `_csrf=${writer.csrf}&body=${encodeURIComponent(text)}`,
      });
      writeTimes.push(performance.now() - started);
      if (answer.status !== 303) return failed('comment', answer.status);
      writes.comments++;
      const answered = performance.now();
      pollers.push(pollUntil(`${options.url}/ideas/${ideaId}?comments=newest`, (body) => body.includes(text), answered));
    }
  }

  async function visit(): Promise<void> {
    if (random() < writeShare) return write();
    const ideaId = options.ideaIds[Math.floor(random() * options.ideaIds.length)];
    const path = options.reads[Math.floor(random() * options.reads.length)].replace('{id}', String(ideaId));
    const answer = await request(agent, options.url + path);
    readTimes.push(answer.ms);
    if (answer.status !== 200) readErrors++;
  }

  async function visitor(): Promise<void> {
    while (goOn()) await visit();
  }

  async function onSchedule(rate: number): Promise<void> {
    const running = new Set<Promise<void>>();
    for (let number = 0; goOn(); number++) {
      const due = startedAt + (number * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Past the cap the schedule slips: the figures then show a saturated server, as the rate says.
      if (running.size >= options.connections * 4) await Promise.race(running);
      const started = visit().finally(() => running.delete(started));
      running.add(started);
    }
    await Promise.all(running);
  }

  if (options.rate) await onSchedule(options.rate);
  else await Promise.all(Array.from({ length: options.connections }, visitor));
  const elapsed = (performance.now() - startedAt) / 1000;
  await Promise.all(pollers);
  agent.destroy();
  const writeCount = writeTimes.length;
  return {
    seconds: elapsed,
    reads: readTimes.length,
    writes,
    failures,
    requestsPerSecond: (readTimes.length + writeCount) / elapsed,
    readP50: percentile(readTimes, 50),
    readP99: percentile(readTimes, 99),
    writeP50: percentile(writeTimes, 50),
    writeP99: percentile(writeTimes, 99),
    visibleP50: percentile(visibleTimes, 50),
    visibleP99: percentile(visibleTimes, 99),
    visibleMax: visibleTimes.length ? Math.max(...visibleTimes) : Number.NaN,
    visibleOnFirstRead: firstTime,
    neverVisible,
    polls,
    readErrors,
  };
}
