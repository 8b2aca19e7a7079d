/**
 * The drill's mixed load through nginx, with a ledger of every write: anonymous readers,
 * residents supporting and withdrawing, commenting and submitting ideas (multipart with a photo),
 * and workshop participants placing and taking back dots. A write's outcome is certain when
 * Kopā answered: done (the JSON of a support or a dot tells the state after it) or refused, and
 * an error of Kopā's own (500, 503) must have changed nothing. Only nginx's 502/504 (the process
 * died or did not answer in time) or a cut connection leave it uncertain, until the next certain
 * answer on the same pair.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { DrillData, Participant } from './seed';
import { seededRandom } from '../load-helpers';

export interface Outcome {
  /** ms since the load's start, when the answer (or the error) came. */
  at: number;
  kind: string;
  /** 0 for a connection error or a timeout. */
  status: number;
}

export interface PairState {
  /** Supported (supports) or dots held (workshop), after the last certain answer. */
  value: number;
  /** The last write on this pair got no certain answer. */
  uncertain: boolean;
}

export interface TextWrite {
  text: string;
  ideaId?: number;
  status: number;
  /** For a new idea: the id in the 303's Location. */
  newIdeaId?: number;
}

export interface Ledger {
  supports: Map<string, PairState>;
  dots: Map<string, PairState>;
  comments: TextWrite[];
  ideas: TextWrite[];
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const requestTimeoutMs = 15_000;

/** No answer from Kopā itself: nginx's 502/504 (Kopā never sends them) or no answer at all. */
export const isUncertain = (status: number) => status === 0 || status === 502 || status === 504;

function send(agent: http.Agent, url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const outgoing = http.request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: { ...options.headers, ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }) },
        timeout: requestTimeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
    outgoing.end(options.body);
  });
}

function multipart(fields: Record<string, string | string[]>, photo: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----drill${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of ([] as string[]).concat(value)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${item}\r\n`));
    }
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="drill.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), photo, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface LoadOptions {
  url: string;
  data: DrillData;
  photo: Buffer;
  readers: number;
  /** Share of residents' writes, per actor kind; 0 turns a kind off. */
  writers: { supporters: number; commenters: number; ideaSubmitters: number; voters: number };
  /** Reads as a resident (pages no cache answers) besides the anonymous ones. */
  loggedInReads?: boolean;
}

export interface LoadRun {
  /** Resolves when every actor stopped after `stop()`. */
  done: Promise<void>;
  stop(): void;
  outcomes: Outcome[];
  ledger: Ledger;
  startedAt: number;
}

export const pairKey = (a: number, b: number) => `${a}:${b}`;

export function startLoad(options: LoadOptions, ledger: Ledger): LoadRun {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const { data } = options;
  const startedAt = performance.now();
  const outcomes: Outcome[] = [];
  let running = true;
  /** Notes an answer; after an error the client waits a little, as a person would, rather than hammer. */
  const note = (kind: string, status: number) => {
    outcomes.push({ at: performance.now() - startedAt, kind, status });
    return status >= 500 || status === 0 ? new Promise((resolve) => setTimeout(resolve, 100)) : undefined;
  };
  const ideaNumber = { value: 0 };
  const runId = randomBytes(3).toString('hex');

  const anonymousPaths = ['/', '/ideas', '/ideas?sort=supported', '/ideas/{id}', '/api/ideas.geojson', '/api/ideas/{id}'];

  async function reader(seed: number) {
    const random = seededRandom(seed);
    while (running) {
      const ideaId = data.hotIdeaIds[Math.floor(random() * data.hotIdeaIds.length)];
      const resident = options.loggedInReads && random() < 0.5 ? data.residents[Math.floor(random() * data.residents.length)] : undefined;
      const path = resident ? `/ideas/${ideaId}` : anonymousPaths[Math.floor(random() * anonymousPaths.length)].replace('{id}', String(ideaId));
      const answer = await send(agent, options.url + path, { headers: resident ? { cookie: resident.cookie } : {} });
      await note(resident ? 'read (resident)' : 'read', answer.status);
    }
  }

  /** Each supporter owns its residents, so no two writes on one pair are ever in flight together. */
  async function supporter(seed: number, residents: DrillData['residents']) {
    const random = seededRandom(seed);
    while (running) {
      const resident = residents[Math.floor(random() * residents.length)];
      const ideaId = data.hotIdeaIds[Math.floor(random() * data.hotIdeaIds.length)];
      const key = pairKey(resident.userId, ideaId);
      const state = ledger.supports.get(key) ?? { value: 0, uncertain: false };
      // Withdraw what is held; an uncertain pair is asked to support (answered with the state either way).
      const withdraw = state.value === 1 && !state.uncertain;
      const answer = await send(agent, `${options.url}/ideas/${ideaId}/support${withdraw ? '/withdraw' : ''}`, {
        method: 'POST',
        headers: { cookie: resident.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${resident.csrf}`,
      });
      await note(withdraw ? 'withdraw' : 'support', answer.status);
      if (answer.status === 200) {
        const { supported } = JSON.parse(answer.body) as { supported: boolean };
        ledger.supports.set(key, { value: supported ? 1 : 0, uncertain: false });
      } else if (isUncertain(answer.status)) {
        ledger.supports.set(key, { value: state.value, uncertain: true });
      } else {
        ledger.supports.set(key, state);
      }
    }
  }

  async function commenter(seed: number, residents: DrillData['residents']) {
    const random = seededRandom(seed);
    let n = 0;
    while (running) {
      const resident = residents[Math.floor(random() * residents.length)];
      const ideaId = data.hotIdeaIds[Math.floor(random() * data.hotIdeaIds.length)];
      const text = `Drill comment ${runId}-${seed}-${n++} <b>=HYPERLINK("x")</b>`;
      const answer = await send(agent, `${options.url}/ideas/${ideaId}/comments`, {
        method: 'POST',
        headers: { cookie: resident.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${resident.csrf}&body=${encodeURIComponent(text)}`,
      });
      await note('comment', answer.status);
      ledger.comments.push({ text, ideaId, status: answer.status });
    }
  }

  /** Every resident may submit (30 ideas an hour each): they take turns, about 3 ideas a second in all. */
  async function ideaSubmitter(seed: number, residents: DrillData['residents']) {
    const random = seededRandom(seed);
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const resident = residents[ideaNumber.value % residents.length];
      const title = `Drill new idea ${runId}-${ideaNumber.value++}`;
      const form = multipart(
        {
          consultationId: String(data.consultationId),
          title,
          description: 'Submitted during the drill, with one photo.',
          originalLocale: 'en',
          categoryId: String(data.categoryId),
          nebValues: 'together',
          latitude: (55.86 + random() / 50).toFixed(5),
          longitude: (26.5 + random() / 50).toFixed(5),
        },
        options.photo,
      );
      const answer = await send(agent, `${options.url}/ideas?_csrf=${resident.csrf}`, {
        method: 'POST',
        headers: { cookie: resident.cookie, 'content-type': form.contentType },
        body: form.body,
      });
      await note('idea', answer.status);
      const match = /^\/ideas\/(\d+)/.exec(String(answer.headers.location ?? ''));
      ledger.ideas.push({ text: title, status: answer.status, newIdeaId: answer.status === 303 && match ? Number(match[1]) : undefined });
    }
  }

  async function voter(seed: number, participants: Participant[]) {
    const random = seededRandom(seed);
    while (running) {
      const participant = participants[Math.floor(random() * participants.length)];
      const ideaId = data.workshop.ballotIdeaIds[Math.floor(random() * data.workshop.ballotIdeaIds.length)];
      const key = pairKey(participant.id, ideaId);
      const state = ledger.dots.get(key) ?? { value: 0, uncertain: false };
      const change = state.value > 0 && random() < 0.45 ? 'remove' : 'add';
      const answer = await send(agent, `${options.url}/w/${data.workshop.joinCode}/ideas/${ideaId}/dots`, {
        method: 'POST',
        headers: { cookie: participant.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${participant.token}&change=${change}`,
      });
      await note(`dot ${change}`, answer.status);
      if (answer.status === 200) {
        const { mine } = JSON.parse(answer.body) as { mine: number };
        ledger.dots.set(key, { value: mine, uncertain: false });
      } else if (isUncertain(answer.status)) {
        ledger.dots.set(key, { value: state.value, uncertain: true });
      } else {
        // Refused (budget spent, too many dots on this idea): nothing changed.
        ledger.dots.set(key, state);
      }
    }
  }

  const split = <T>(items: T[], parts: number) => Array.from({ length: parts }, (_, part) => items.filter((_, index) => index % parts === part));
  const actors: Promise<void>[] = [];
  for (let i = 0; i < options.readers; i++) actors.push(reader(100 + i));
  const { supporters, commenters, ideaSubmitters, voters } = options.writers;
  // Residents are split between supporters and commenters, so each user×idea pair has one writer at a time.
  const groups = split(data.residents, Math.max(1, supporters + commenters));
  let group = 0;
  for (let i = 0; i < supporters; i++) actors.push(supporter(200 + i, groups[group++]));
  for (let i = 0; i < commenters; i++) actors.push(commenter(300 + i, groups[group++]));
  for (let i = 0; i < ideaSubmitters; i++) actors.push(ideaSubmitter(400 + i, data.residents));
  for (const [i, participants] of split(data.workshop.participants, Math.max(1, voters)).entries()) if (i < voters) actors.push(voter(500 + i, participants));

  return {
    done: Promise.all(actors).then(() => agent.destroy()),
    stop: () => {
      running = false;
    },
    outcomes,
    ledger,
    startedAt,
  };
}

export function newLedger(): Ledger {
  return { supports: new Map(), dots: new Map(), comments: [], ideas: [] };
}
