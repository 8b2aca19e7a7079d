import http from 'node:http';
import type { Knex } from 'knex';
import { percentile } from './bench-stats';
import { newJoinCode } from '../server/workshops/join-code';
import { participantCookieName, participantCookieValue, participantFormToken } from '../server/workshops/participant-cookie';
import { serverSentEvents } from './load-helpers';

export interface FanOutWorkshop {
  workshopId: number;
  joinCode: string;
  ideaId: number;
  participants: { cookie: string; token: string }[];
}

/** A workshop in the voting state with one idea and `count` participants, written straight into the database. */
export async function seedFanOutWorkshop(db: Knex, count: number, secret: string): Promise<FanOutWorkshop> {
  const [consultation] = await db('consultations').orderBy('id').limit(1).select('id');
  const [category] = await db('categories').orderBy('id').limit(1).select('id');
  const joinCode = newJoinCode();
  const [workshop] = await db('workshops')
    .insert({ name: 'Bench', consultation_id: consultation.id, held_on: '2026-12-02', locale: 'en', dot_budget: 20, max_dots_per_idea: 20, state: 'voting', join_code: joinCode })
    .returning('id');
  const [idea] = await db('ideas')
    .insert({
      consultation_id: consultation.id,
      workshop_id: workshop.id,
      title: 'Bench idea',
      description: 'Fan-out',
      original_locale: 'en',
      category_id: category.id,
      neb_values: ['together'],
      latitude: 55.87,
      longitude: 26.52,
      visibility: 'workshop',
    })
    .returning('id');
  const rows: { id: number }[] = await db('workshop_participants')
    .insert(Array.from({ length: count }, (_, index) => ({ workshop_id: workshop.id, nickname: `P${index}` })))
    .returning('id');
  return {
    workshopId: workshop.id,
    joinCode,
    ideaId: idea.id,
    participants: rows.map((row) => ({
      cookie: `${participantCookieName}=${participantCookieValue(secret, workshop.id, row.id)}`,
      token: participantFormToken(secret, workshop.id, row.id),
    })),
  };
}

/** One open event stream: calls `onEvent` with the data of each event as it arrives. */
function openStream(url: string, cookie: string, onEvent: (data: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream ${url} answered ${response.statusCode}${response.headers.location ? ` → ${response.headers.location}` : ''}`));
      response.setEncoding('utf8');
      response.on('data', serverSentEvents(onEvent));
      response.on('error', () => undefined);
      resolve(request);
    });
    request.on('error', reject);
  });
}

export interface FanOutFigures {
  streams: number;
  messages: number;
  /** ms from sending the change to the LAST stream receiving it, per message. */
  lastP50: number;
  lastP99: number;
  /** ms from sending the change to each stream receiving it, over all streams and messages. */
  eachP50: number;
}

/**
 * Opens the streams, then sends `messages` changes one after another; a change counts as
 * delivered when every stream has an event whose `seen(data)` reaches its number.
 */
export async function measureFanOut(options: {
  streams: { url: string; cookie: string }[];
  messages: number;
  send: (index: number) => Promise<void>;
  /** The change number an event shows (the count of dots, or the trivial message's number). */
  seen: (data: string) => number;
}): Promise<FanOutFigures> {
  const latest = options.streams.map(() => -1);
  let waiting: { target: number; started: number; arrivals: number[]; done: () => void } | undefined;
  const requests = await Promise.all(
    options.streams.map((stream, index) =>
      openStream(stream.url, stream.cookie, (data) => {
        const value = options.seen(data);
        if (value <= latest[index]) return;
        latest[index] = value;
        if (waiting && value >= waiting.target && waiting.arrivals[index] < 0) {
          waiting.arrivals[index] = performance.now() - waiting.started;
          if (waiting.arrivals.every((arrival) => arrival >= 0)) waiting.done();
        }
      }),
    ),
  );
  // Every stream has had its first event before the first change.
  while (latest.some((value) => value < 0)) await new Promise((resolve) => setTimeout(resolve, 10));
  const last: number[] = [];
  const each: number[] = [];
  const base = Math.max(...latest);
  for (let message = 1; message <= options.messages; message += 1) {
    const target = base + message;
    const delivered = new Promise<void>((resolve) => {
      waiting = { target, started: performance.now(), arrivals: latest.map((value) => (value >= target ? 0 : -1)), done: resolve };
    });
    await options.send(message);
    const timeout = new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`change ${message} did not reach every stream within 10 s`)), 10_000));
    await Promise.race([delivered, timeout]);
    last.push(Math.max(...waiting!.arrivals));
    each.push(...waiting!.arrivals);
  }
  for (const request of requests) request.destroy();
  return { streams: options.streams.length, messages: options.messages, lastP50: percentile(last, 50), lastP99: percentile(last, 99), eachP50: percentile(each, 50) };
}

/** The baseline: a bare node:http server that writes a trivial event to every open stream on POST /send. */
export const trivialFanOutServer = `
const streams = new Set();
let n = 0;
require('node:http').createServer((q, s) => {
  if (q.url === '/stream') {
    s.writeHead(200, { 'content-type': 'text/event-stream' });
    s.write('data: 0\\n\\n');
    streams.add(s);
    q.on('close', () => streams.delete(s));
    return;
  }
  if (q.url === '/send' && q.method === 'POST') {
    n += 1;
    for (const stream of streams) stream.write('data: ' + n + '\\n\\n');
    s.end('ok');
    return;
  }
  s.end('hello');
}).listen(process.env.PORT);`;
