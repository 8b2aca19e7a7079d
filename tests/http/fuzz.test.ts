/**
 * Property-based fuzzing of every public and resident route: random and hostile values in every
 * form field and query parameter (from the route's zod schema, plus what the route reads on its
 * own), shaped as repeated keys, `a[]`, `a[b]`, JSON of other types and multipart with odd files,
 * sent by a visitor, a resident and a workshop participant. Whatever comes, the app answers
 * below 500, shows no stack trace, and stores nothing unless the input was valid.
 */
import fc from 'fast-check';
import request from 'supertest';
import type { Express } from 'express';
import type { z } from 'zod';
import { useScene } from '../factories/scene';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildComment } from '../factories/comments';
import { buildParticipant, buildRoomIdea, buildWorkshop, participantCookie } from '../factories/workshops';
import { pdfBytes, smallPng, svgBytes } from '../factories/images';
import { loggedInAgent, visitorWithForm } from '../helpers/forms';
import { participantFormToken } from '../../server/workshops/participant-cookie';
import { ideaFiltersSchema, ideaFormSchema, ideaListQuerySchema } from '../../server/ideas/ideas.schema';
import { areaCardsQuerySchema } from '../../server/ideas/area-cards';
import { commentPageQuerySchema, editCommentSchema, newCommentSchema } from '../../server/comments/comments.schema';
import { reportSchema } from '../../server/reports/reports.schema';
import { translationSchema } from '../../server/translations/translations.schema';
import { loginSchema, registrationSchema } from '../../server/auth/auth.schema';
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from '../../server/passwords/passwords.schema';
import { disableTwoFactorSchema, secondFactorSchema, setupCodeSchema } from '../../server/two-factor/two-factor.schema';
import { ownDeletionSchema } from '../../server/account-deletion/account-deletion.schema';
import { dotChangeSchema, joinFormSchema } from '../../server/workshops/workshops.schema';
import { resultsQuerySchema } from '../../server/milestones/milestones.schema';
import { asParsed, fieldsOf, hostileText, hostileUrlText, jsonValue, pairsFor, urlEncoded, wellFormed, type Pair } from './fuzz-inputs';

const { testApp, consultation, resident, author, facilitator } = useScene({
  users: { resident: { preferredLocale: 'en' }, author: {}, facilitator: { role: 'facilitator' } },
  consultation: {},
  app: { rateLimits: { loginPerIp: 10_000, registerPerIp: 10_000 } },
});

// Staff pages have their own guards and tests (volunteers' /assist form too: tests/assisted-entry fuzzes it); everything else a visitor or resident can reach is fuzzed here.
const staffPrefixes = ['/admin', '/workshops', '/assist'];

type Who = 'visitor' | 'resident' | 'participant' | 'stranger';
type PathKind = 'idea' | 'comment' | 'user' | 'code' | 'roomIdea' | 'consultation';

interface FuzzedRoute {
  /** The schema the route validates its form with: its fields are fuzzed, and it tells valid input. */
  form?: z.ZodType;
  /** Fields the route reads without a schema. */
  fields?: string[];
  query?: z.ZodType;
  queryFields?: string[];
  multipart?: boolean;
  /** When a change in the database is right: never, with a valid form, or whenever the path names something real. */
  stores: 'never' | 'valid form' | 'real path';
  who?: Who[];
  /** Deletes what later routes need: it is built again after each run. */
  destructive?: boolean;
  /** Ends the resident's session: the next run logs in again. */
  endsSession?: boolean;
  /** Checks where the request comes from instead of a CSRF token. */
  noCsrfToken?: boolean;
}

const never: FuzzedRoute = { stores: 'never' };
const validForm = (form: z.ZodType, more: Partial<FuzzedRoute> = {}): FuzzedRoute => ({ form, stores: 'valid form', ...more });
const ideaForm = (who: Who[]) => validForm(ideaFormSchema, { multipart: true, who });

const routes: Record<string, FuzzedRoute> = {
  'GET /w': { ...never, queryFields: ['code'] },
  'GET /w/:code': { ...never, queryFields: ['notice'], who: ['visitor', 'participant'] },
  'POST /w/:code/join': validForm(joinFormSchema, { who: ['visitor', 'participant'], noCsrfToken: true }),
  'GET /w/:code/ideas/new': { ...never, who: ['visitor', 'participant'] },
  'POST /w/:code/ideas': ideaForm(['participant', 'visitor']),
  'POST /w/:code/ideas/:ideaId/dots': validForm(dotChangeSchema, { who: ['participant', 'visitor'] }),
  // A participant's stream stays open (the visitor may have joined meanwhile); a stranger's is refused at once.
  'GET /w/:code/stream': { ...never, who: ['stranger'] },
  'GET /': { ...never, query: ideaFiltersSchema },
  'GET /api/ideas.geojson': { ...never, query: ideaFiltersSchema },
  'GET /api/ideas/:id': never,
  'GET /ideas': { ...never, query: ideaListQuerySchema },
  'GET /ideas/cards': { ...never, query: areaCardsQuerySchema },
  'GET /ideas/new': never,
  'POST /ideas': ideaForm(['resident', 'visitor']),
  'GET /ideas/:id': { ...never, query: commentPageQuerySchema, queryFields: ['original'] },
  'GET /ideas/:id/edit': never,
  'POST /ideas/:id/edit': ideaForm(['resident', 'visitor']),
  'GET /ideas/:id/delete': never,
  'POST /ideas/:id/delete': { stores: 'real path', destructive: true },
  'POST /ideas/:id/support': { stores: 'real path' },
  'POST /ideas/:id/support/withdraw': { stores: 'real path' },
  'POST /ideas/:id/comments': validForm(newCommentSchema),
  'GET /comments/:id/edit': never,
  'POST /comments/:id/edit': validForm(editCommentSchema),
  'POST /comments/:id/delete': { stores: 'real path', destructive: true },
  'GET /ideas/:id/report': never,
  'POST /ideas/:id/report': validForm(reportSchema),
  'GET /comments/:id/report': never,
  'POST /comments/:id/report': validForm(reportSchema),
  'POST /ideas/:id/follow': { stores: 'real path' },
  'POST /ideas/:id/unfollow': { stores: 'real path' },
  'GET /users/:id': never,
  'GET /me': never,
  // Two checkboxes: whatever is sent is a valid choice (unticked unless "on").
  'POST /settings/notifications': { stores: 'real path', fields: ['notifyComments', 'notifyUpdates'] },
  'GET /account/delete': never,
  'POST /account/delete': validForm(ownDeletionSchema, { destructive: true }),
  'GET /ideas/:id/translations': never,
  'POST /ideas/:id/translations': validForm(translationSchema),
  'GET /unsubscribe': { ...never, queryFields: ['token'] },
  'POST /unsubscribe': { ...never, fields: ['token'] },
  'GET /register': never,
  'POST /register': validForm(registrationSchema, { who: ['visitor'] }),
  'GET /login': { ...never, queryFields: ['next'] },
  'POST /login': { ...never, form: loginSchema, fields: ['next'] },
  'POST /logout': { stores: 'real path', endsSession: true },
  'GET /verify-email': { ...never, queryFields: ['token'] },
  'POST /verify-email': { ...never, fields: ['token'] },
  'POST /verify-email/resend': { stores: 'real path' },
  'GET /password/forgot': never,
  'POST /password/forgot': validForm(forgotPasswordSchema),
  'GET /password/reset': { ...never, queryFields: ['token'] },
  'POST /password/reset': validForm(resetPasswordSchema),
  'GET /account/password': never,
  'POST /account/password': validForm(changePasswordSchema),
  'GET /login/two-factor': { ...never, queryFields: ['next'] },
  'POST /login/two-factor': validForm(secondFactorSchema, { fields: ['next'] }),
  'GET /account/two-factor': never,
  'GET /account/two-factor/setup': { ...never, queryFields: ['next'] },
  'POST /account/two-factor/setup': validForm(setupCodeSchema, { fields: ['next'] }),
  'POST /account/two-factor/recovery-codes': validForm(secondFactorSchema),
  'POST /account/two-factor/disable': validForm(disableTwoFactorSchema),
  'GET /account': never,
  'GET /account/data': never,
  'GET /users/:id/data': never,
  'GET /users/:id/data.json': never,
  'GET /about': never,
  'GET /accessibility': never,
  'GET /privacy': never,
  'GET /results': { ...never, query: resultsQuerySchema },
  'GET /results.atom': { ...never, query: resultsQuerySchema },
  'GET /api/results.geojson': { ...never, query: resultsQuerySchema },
  'GET /consultations/:id': never,
  // Stores the grid it prints (once per area) for a consultation collecting ideas.
  'GET /consultations/:id/paper-form.pdf': { stores: 'real path', noCsrfToken: true },
  'GET /robots.txt': never,
  'GET /sitemap.xml': never,
  'GET /sitemap-:part.xml': never,
};

/** "METHOD /path" of every route the app serves, read from its router. */
function servedRoutes(app: Express): string[] {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

// What the fuzzed requests aim at, built again whenever a run deletes it.
const scene = { residentIdea: 0, authorIdea: 0, hiddenIdea: 0, comment: 0, workshop: { id: 0, joinCode: '' }, roomIdea: 0, participant: 0 };

async function buildTargets() {
  const { db } = testApp;
  if (!scene.residentIdea || !(await db('ideas').where({ id: scene.residentIdea }).first('id'))) {
    scene.residentIdea = await buildIdea(db, { consultationId: consultation.id, authorId: resident.id });
  }
  if (!scene.comment || !(await db('comments').where({ id: scene.comment }).whereNull('deleted_at').first('id'))) {
    scene.comment = await buildComment(db, { ideaId: scene.authorIdea, authorId: resident.id });
  }
}

beforeAll(async () => {
  const { db } = testApp;
  scene.authorIdea = await buildIdea(db, { consultationId: consultation.id, authorId: author.id });
  scene.hiddenIdea = await buildIdea(db, { consultationId: await buildConsultation(db, { moderationMode: 'pre' }), authorId: author.id, visibility: 'pending' });
  await buildTargets();
  scene.workshop = await buildWorkshop(db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'open' });
  scene.roomIdea = await buildRoomIdea(db, scene.workshop, consultation.id);
  scene.participant = await buildParticipant(db, scene.workshop.id);
});

const pathValues = (): Record<PathKind, string[]> => ({
  idea: [scene.residentIdea, scene.authorIdea, scene.hiddenIdea].map(String),
  comment: [String(scene.comment)],
  user: [resident.id, author.id].map(String),
  code: [scene.workshop.joinCode],
  roomIdea: [String(scene.roomIdea)],
  consultation: [String(consultation.id)],
});

function pathKindOf(path: string, param: string): PathKind {
  if (param === 'code') return 'code';
  if (param === 'ideaId') return 'roomIdea';
  if (path.startsWith('/comments/')) return 'comment';
  if (path.startsWith('/users/')) return 'user';
  if (path.startsWith('/consultations/')) return 'consultation';
  return 'idea';
}

/** Values that may pass a field's check, so that runs also get past validation. */
function plausibleFor(field: string): string[] {
  const common = ['1', String(consultation.id), 'on'];
  const byField: Record<string, string[]> = {
    consultationId: [String(consultation.id)],
    categoryId: ['1', '2'],
    title: ['Soliņi pie upes'],
    description: ['Soliņi gar krastu, lai var atpūsties.'],
    body: ['Labs priekšlikums!'],
    originalLocale: ['lv', 'en'],
    preferredLocale: ['lv', 'ru', 'en'],
    locale: ['lv', 'ru', 'en'],
    nebValues: ['together', 'beautiful'],
    latitude: ['55.8751', '55,87'],
    longitude: ['26.5362'],
    reason: ['spam', 'other'],
    details: ['Reklāma'],
    // An account's email, but not the resident's: failed logins would delay the resident's next one (auth/password-attempts).
    email: ['fuzz@example.org', author.email],
    password: ['a long enough password 123'],
    displayName: ['Fuzz'],
    change: ['add', 'remove'],
    ageGroup: ['16_18'],
    nickname: ['Kaķis'],
    code: ['123456'],
    sort: ['supported'],
    page: ['2'],
    bbox: ['26.5,55.8,26.6,55.9'],
    next: ['/ideas', '/%09/evil.example'],
  };
  return byField[field] ?? common;
}

const stackTrace = /\n\s+at [\w.<>]+ \(|node_modules\/|\.ts:\d+:\d+|\.js:\d+:\d+/;

/** One hash per table of everything stored, apart from sessions and the counters of limits and login delays (they count every attempt, valid or not). */
let fingerprintSql = '';
async function fingerprint(): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const tables: string[] = await testApp.db('information_schema.tables').where({ table_schema: testApp.db.raw('current_schema()'), table_type: 'BASE TABLE' }).pluck('table_name');
    const kept = tables.filter((table) => !['sessions', 'rate_limits', 'login_delays'].includes(table) && !table.startsWith('knex_')).sort();
    fingerprintSql = `select ${kept.map((table) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from "${table}" t) as "${table}"`).join(', ')}`;
  }
  const { rows } = await testApp.db.raw<{ rows: Record<string, string>[] }>(fingerprintSql);
  return rows[0];
}

interface Photo {
  bytes: Buffer | 'png';
  name: string;
  type: string;
}
const photo: fc.Arbitrary<Photo> = fc.oneof(
  fc.constant<Photo>({ bytes: 'png', name: 'photo.png', type: 'image/png' }),
  fc.record({ bytes: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)), name: hostileText, type: fc.constantFrom('image/jpeg', 'image/png', 'text/html', '') }),
  fc.constantFrom({ bytes: pdfBytes, name: 'x.jpg', type: 'image/jpeg' }, { bytes: svgBytes, name: 'x.svg', type: 'image/svg+xml' }),
);

interface Sent {
  who: Who;
  path: Record<string, string>;
  query: Pair[];
  encoding: 'form' | 'json' | 'multipart';
  body: Pair[];
  json: Record<string, unknown>;
  csrf: 'right' | 'missing' | 'wrong';
  photos: Photo[];
}

function inputs(key: string, route: FuzzedRoute): fc.Arbitrary<Sent> {
  const [method, path] = key.split(' ');
  const params = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]);
  const values = pathValues();
  const bodyFields = [...(route.form ? fieldsOf(route.form) : []), ...(route.fields ?? [])];
  const queryFields = [...(route.query ? fieldsOf(route.query) : []), ...(route.queryFields ?? []), 'lang'];
  const post = method === 'POST';
  return fc.record({
    who: fc.constantFrom(...(route.who ?? (['resident', 'visitor'] as Who[]))),
    path: fc.record(Object.fromEntries(params.map((param) => [param, fc.oneof({ arbitrary: fc.constantFrom(...values[pathKindOf(path, param)]), weight: 3 }, { arbitrary: hostileUrlText, weight: 1 })]))),
    query: pairsFor(queryFields, plausibleFor, true),
    encoding: post ? (route.multipart ? fc.constantFrom('multipart' as const, 'multipart' as const, 'form' as const, 'json' as const) : fc.constantFrom('form' as const, 'form' as const, 'json' as const)) : fc.constant('form' as const),
    body: post ? pairsFor(bodyFields, plausibleFor) : fc.constant([]),
    json: post ? fc.dictionary(fc.oneof(fc.constantFrom(...(bodyFields.length ? bodyFields : ['x'])), hostileText), jsonValue, { maxKeys: 4 }) : fc.constant({}),
    csrf: fc.constantFrom('right' as const, 'right' as const, 'right' as const, 'right' as const, 'missing' as const, 'wrong' as const),
    photos: route.multipart ? fc.array(photo, { maxLength: 2 }) : fc.constant([]),
  });
}

/** A path segment as a browser would send it; some hostile ones as raw, badly encoded bytes. */
const segment = (value: string) => (/^%[0-9A-F]{0,2}$|%E0%A4%A/.test(value) ? value : encodeURIComponent(wellFormed(value)));

/** The body as the route reads it, when the input was valid enough to store something. */
function bodySeen(sent: Sent): Record<string, unknown> {
  if (sent.encoding === 'json') return sent.json;
  return asParsed(sent.body);
}

function inputWasValid(key: string, route: FuzzedRoute, sent: Sent): boolean {
  if (route.stores === 'never') return false;
  if (sent.csrf !== 'right' && !route.noCsrfToken) return false;
  const real = pathValues();
  const [, path] = key.split(' ');
  const pathIsReal = Object.entries(sent.path).every(([param, value]) => /^\d{1,15}$/.test(value) ? real[pathKindOf(path, param)].includes(String(Number(value))) : real[pathKindOf(path, param)].includes(value));
  if (!pathIsReal) return false;
  if (route.stores === 'real path' || !route.form) return true;
  const body = bodySeen(sent);
  // The room's form takes the consultation from the workshop.
  if (key === 'POST /w/:code/ideas') body.consultationId = String(consultation.id);
  return route.form.safeParse(body).success;
}

let residentSession: Awaited<ReturnType<typeof loggedInAgent>> | undefined;
let visitorSession: Awaited<ReturnType<typeof visitorWithForm>> | undefined;
let pngBytes: Buffer;

interface Caller {
  agent: ReturnType<typeof request.agent> | ReturnType<typeof request>;
  token: string;
  headers: Record<string, string>;
}

/** The sender, logged in or holding a form token before anything is compared. */
async function callerFor(who: Who): Promise<Caller> {
  const { app } = testApp;
  if (who === 'resident') {
    residentSession ??= await loggedInAgent(app, resident);
    return { agent: residentSession.agent, token: residentSession.csrf, headers: {} };
  }
  if (who === 'visitor') {
    visitorSession ??= await visitorWithForm(app, '/login');
    return { agent: visitorSession.agent, token: visitorSession.csrf, headers: {} };
  }
  if (who === 'stranger') return { agent: request(app), token: '', headers: {} };
  const { sessionSecret } = testApp.config;
  return {
    agent: request(app),
    token: participantFormToken(sessionSecret, scene.workshop.id, scene.participant),
    headers: { Cookie: participantCookie(sessionSecret, scene.workshop.id, scene.participant) },
  };
}

function send(key: string, sent: Sent, { agent, token, headers }: Caller) {
  const [method, path] = key.split(' ');
  const csrf: Pair[] = sent.csrf === 'right' ? [['_csrf', token]] : sent.csrf === 'wrong' ? [['_csrf', `${token}x`]] : [];
  // An upload form carries its token in the query: the body is read only after the check.
  const multipart = method === 'POST' && sent.encoding === 'multipart';
  const query = multipart ? [...sent.query, ...csrf] : sent.query;
  const url = path.replace(/:(\w+)/g, (_all, param: string) => segment(sent.path[param])) + (query.length ? `?${urlEncoded(query)}` : '');
  const call = method === 'GET' ? agent.get(url) : agent.post(url);
  call.set(headers).set('Accept-Language', 'en').redirects(0);
  if (method === 'GET') return call;
  if (sent.encoding === 'json') return call.set('Content-Type', 'application/json').send(JSON.stringify({ ...sent.json, ...Object.fromEntries(csrf) }));
  if (sent.encoding === 'form') return call.set('Content-Type', 'application/x-www-form-urlencoded').send(urlEncoded([...csrf, ...sent.body]));
  for (const [name, value] of sent.body) call.field(wellFormed(name) || 'empty', wellFormed(value));
  for (const file of sent.photos) {
    call.attach('photos', file.bytes === 'png' ? pngBytes : file.bytes, { filename: wellFormed(file.name) || 'x', contentType: file.type || 'application/octet-stream' });
  }
  return call;
}

// Enough runs per route to meet every shape of input; the whole file stays within a minute on the embedded database.
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 10);

describe('fuzzing the public and resident routes', () => {
  beforeAll(async () => {
    pngBytes = await smallPng();
  });

  it('covers every route a visitor, resident or participant can reach', () => {
    const reachable = servedRoutes(testApp.app).filter((route) => !staffPrefixes.some((prefix) => route.split(' ')[1].startsWith(prefix)));
    expect([...new Set(reachable)].sort()).toEqual(Object.keys(routes).sort());
  });

  it.each(Object.entries(routes))('%s: no 500, no stack trace, nothing stored from invalid input', async (key, route) => {
    await fc.assert(
      fc.asyncProperty(inputs(key, route), async (sent) => {
        const caller = await callerFor(sent.who);
        const before = await fingerprint();
        const response = await send(key, sent, caller);
        const after = await fingerprint();
        expect(response.status).toBeLessThan(500);
        // A PDF has no text to look into.
        expect(response.text ?? '').not.toMatch(stackTrace);
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (changed.length > 0 && !inputWasValid(key, route, sent)) throw new Error(`stored in ${changed.join(', ')} from input that was not valid`);
        if (route.destructive) await buildTargets();
        if (route.endsSession && sent.who === 'resident') residentSession = undefined;
      }),
      { numRuns: runsPerRoute, endOnFailure: true },
    );
  });
});

describe('inputs the fuzzing found', () => {
  const ideaCount = async () => Number((await testApp.db('ideas').count({ count: '*' }))[0].count);

  it('refuses a multipart body with a malformed part header (400), storing nothing', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const before = await ideaCount();
    const boundary = 'kopa-fuzz';
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="title"', '', 'Soliņi', `--${boundary}`, 'a header line without a colon', '', 'x', `--${boundary}--`, ''].join('\r\n');
    const response = await agent.post(`/ideas?_csrf=${encodeURIComponent(csrf)}`).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
    expect(response.status).toBe(400);
    expect(response.text).not.toMatch(stackTrace);
    expect(await ideaCount()).toBe(before);
  });

  it('shows the idea form again when removePhotos arrives as an object (removePhotos[x]=1)', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const before = await ideaCount();
    const response = await agent.post(`/ideas?_csrf=${encodeURIComponent(csrf)}`).field('title', 'Soliņi').field('removePhotos[x]', '1');
    expect(response.status).toBe(422);
    expect(response.text).not.toMatch(stackTrace);
    expect(await ideaCount()).toBe(before);
  });

  it('reads a multipart field named like a far list index (a[583042701]) as a name, not a list that long', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const before = await ideaCount();
    const response = await agent.post(`/ideas?_csrf=${encodeURIComponent(csrf)}`).field('title', 'Soliņi').field('nebValues[583042701]', 'together').field('sentence_together[583042701]', 'x');
    expect(response.status).toBe(422);
    expect(response.text).toContain('value="Soliņi"');
    expect(await ideaCount()).toBe(before);
  });

  // PostgreSQL cannot store a NUL character: the query failed and the person saw a 500.
  it('shows a comment form again when its text holds a NUL character, without it, storing nothing', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${scene.authorIdea}`);
    const storedBefore = await fingerprint();
    const created = await agent.post(`/ideas/${scene.authorIdea}/comments`).type('form').send({ _csrf: csrf, body: 'Labs\u0000 priekšlikums' }).expect(422);
    expect(created.text).toContain('This field holds an invisible control character (NUL) that cannot be stored.');
    expect(created.text).toContain('>Labs priekšlikums</textarea>');
    const edited = await agent.post(`/comments/${scene.comment}/edit`).type('form').send({ _csrf: csrf, body: '\u0000' }).expect(422);
    expect(edited.text).toContain('href="#body"');
    expect(await fingerprint()).toEqual(storedBefore);
  });

  // Its hidden field echoed the object, whose own toString was a string: the view threw, a 500.
  it('shows a comment form again when a JSON field is an object naming its own toString, storing nothing', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, `/ideas/${scene.authorIdea}`);
    const storedBefore = await fingerprint();
    const response = await agent
      .post(`/ideas/${scene.authorIdea}/comments`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ _csrf: csrf, body: false, parentId: { toString: '1645320734' } }));
    expect(response.status).toBe(422);
    expect(response.text).not.toMatch(stackTrace);
    expect(await fingerprint()).toEqual(storedBefore);
  });

  it("refuses a NUL character outside a form's own check with a 400 in the visitor's language", async () => {
    const { agent, csrf } = await visitorWithForm(testApp.app, '/login');
    const response = await agent.post('/login').set('Accept-Language', 'ru').type('form').send({ _csrf: csrf, email: 'a\u0000@example.org', password: 'x' }).expect(400);
    expect(response.text).toContain('В отправленном есть невидимый управляющий символ (NUL)');
    expect(response.text).not.toMatch(stackTrace);
  });
});
