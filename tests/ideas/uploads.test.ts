import { jest } from '@jest/globals';
import type { Test } from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { categoryId } from '../factories/ideas';
import { jpegWithGps, smallPng } from '../factories/images';
import { useScene } from '../factories/scene';
import { ideaSubmissionsPerHour } from '../../server/http/account-rate-limits';

/**
 * Every pipeline sharp runs to its end (toBuffer) on an uploaded file's bytes is a decode of
 * that upload; reading the header (metadata) is not. Clones share their input, so they count too.
 */
const decodedInputs: Buffer[] = [];
// The app loads sharp with a dynamic import (see loadSharp), so the mock is an ES module mock.
jest.unstable_mockModule('sharp', async () => {
  const real = jest.requireActual<typeof import('sharp')>('sharp');
  type Instance = { clone: () => Instance; toBuffer: (...args: unknown[]) => unknown };
  const watched = (instance: Instance, input: unknown): Instance => {
    if (!Buffer.isBuffer(input)) return instance;
    const clone = instance.clone.bind(instance);
    const toBuffer = instance.toBuffer.bind(instance);
    instance.clone = () => watched(clone(), input);
    instance.toBuffer = (...args: unknown[]) => {
      decodedInputs.push(input);
      return toBuffer(...args);
    };
    return instance;
  };
  const counting = (...args: Parameters<typeof real>) => watched(real(...args) as unknown as Instance, args[0]);
  return { default: Object.assign(counting, real) };
});

const { testApp, consultation, resident } = useScene({ users: { resident: { preferredLocale: 'en' } }, consultation: {} });

const decodesOf = (upload: Buffer) => decodedInputs.filter((input) => input.equals(upload)).length;
const ideaCount = async () => Number((await testApp.db('ideas').count({ count: '*' }))[0].count);

async function ideaFields(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    consultationId: String(consultation.id),
    title: 'Soliņi ar fotoattēlu',
    description: 'Vairāk soliņu gar upi.',
    originalLocale: 'lv',
    categoryId: String(await categoryId(testApp.db)),
    nebValues: 'together',
    latitude: '55.8747',
    longitude: '26.5362',
    ...overrides,
  };
}

function withFields(post: Test, fields: Record<string, string>): Test {
  for (const [name, value] of Object.entries(fields)) post.field(name, value);
  return post;
}

/**
 * A multipart body cut off in its first file part: a parser that reads it answers 400
 * (unexpected end of form). A refusal with any other status was given before it was read.
 */
function truncatedUpload(post: Test): Test {
  const boundary = 'kopa-test-boundary';
  return post
    .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
    .send(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff`);
}

describe('an upload is refused before any file part is read', () => {
  const cases: [string, () => Promise<{ email: string; password: string }>, (csrf: string) => string, number, string][] = [
    [
      'a blocked resident',
      async () => {
        const person = await buildUser(testApp.db, { preferredLocale: 'en' });
        await testApp.db('users').where({ id: person.id }).update({ blocked_at: new Date() });
        return person;
      },
      (csrf) => `/ideas?lang=en&_csrf=${csrf}`,
      403,
      'Your account has been blocked',
    ],
    ['an unverified resident', () => buildUser(testApp.db, { verified: false, preferredLocale: 'en' }), (csrf) => `/ideas?lang=en&_csrf=${csrf}`, 403, 'Please confirm your email address first'],
    ['a wrong CSRF token', async () => resident, () => '/ideas?lang=en&_csrf=wrong', 403, 'The form has expired'],
    // The token in the body is not read for multipart: the body is read after the check.
    ['a token only in the body', async () => resident, () => '/ideas?lang=en', 403, 'The form has expired'],
  ];

  it.each(cases)('%s: the truncated body is never parsed', async (_case, person, url, status, message) => {
    const { agent, csrf } = await loggedInAgent(testApp.app, await person());
    const response = await truncatedUpload(agent.post(url(csrf))).expect(status);
    expect(response.text).toContain(message);
  });

  it.each(cases)('%s: a real photo is neither decoded nor stored', async (_case, person, url, status) => {
    const before = await ideaCount();
    const photo = await jpegWithGps(800, 600);
    const { agent, csrf } = await loggedInAgent(testApp.app, await person());
    const post = withFields(agent.post(url(csrf)), { ...(await ideaFields()), _csrf: csrf });
    await post.attach('photos', photo, 'bench.jpg').expect(status);
    expect(decodesOf(photo)).toBe(0);
    expect(await ideaCount()).toBe(before);
    expect(testApp.uploadedFiles()).toEqual([]);
  });
});

describe('decoding photos', () => {
  it('decodes no photo when another field is wrong', async () => {
    const photo = await smallPng();
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const response = await withFields(agent.post(`/ideas?lang=en&_csrf=${csrf}`), await ideaFields({ latitude: '10', longitude: '10' }))
      .attach('photos', photo, 'plan.png')
      .expect(422);
    expect(response.text).toContain('id="location-error"');
    expect(decodesOf(photo)).toBe(0);
    expect(testApp.uploadedFiles()).toEqual([]);
  });

  it('decodes each photo once, into both the large version and the thumbnail', async () => {
    const photos = [await jpegWithGps(2400, 1800), await jpegWithGps(1200, 900)];
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const post = withFields(agent.post(`/ideas?_csrf=${csrf}`), await ideaFields());
    photos.forEach((photo, index) => post.attach('photos', photo, `photo-${index}.jpg`));
    const response = await post.expect(303);
    expect(photos.map(decodesOf)).toEqual([1, 1]);
    const stored = await testApp.db('idea_photos').where({ idea_id: Number(response.headers.location.split('/').pop()) }).orderBy('position');
    expect(stored.map((photo) => [photo.width, photo.height])).toEqual([[1200, 1600], [900, 1200]]);
    expect(testApp.uploadedFiles()).toHaveLength(4);
  });
});

describe('idea forms per account', () => {
  async function useUpSubmissions(agent: Awaited<ReturnType<typeof loggedInAgent>>['agent'], csrf: string, count: number) {
    // Cheap forms (no title) count as much as any: the limit is checked before anything is read.
    for (let sent = 0; sent < count; sent += 1) await agent.post('/ideas').type('form').send({ _csrf: csrf }).expect(422);
  }

  it('answers a resident past the limit with a localized 429, reading and storing nothing', async () => {
    const person = await buildUser(testApp.db, { preferredLocale: 'en' });
    const { agent, csrf } = await loggedInAgent(testApp.app, person, '/ideas/new');
    await useUpSubmissions(agent, csrf, ideaSubmissionsPerHour.resident);
    const before = await ideaCount();
    const files = testApp.uploadedFiles();
    const photo = await smallPng();
    const refused = await withFields(agent.post(`/ideas?lang=lv&_csrf=${csrf}`), await ideaFields()).attach('photos', photo, 'plan.png').expect(429);
    expect(refused.text).toContain('Pārāk daudz mēģinājumu');
    expect(decodesOf(photo)).toBe(0);
    expect(await ideaCount()).toBe(before);
    expect(testApp.uploadedFiles()).toEqual(files);
    await truncatedUpload(agent.post(`/ideas?lang=ru&_csrf=${csrf}`)).expect(429);
  });

  it('gives staff entering ideas for others a higher limit', async () => {
    expect(ideaSubmissionsPerHour.staff).toBeGreaterThan(ideaSubmissionsPerHour.resident);
    const moderator = await buildUser(testApp.db, { role: 'moderator' });
    const { agent, csrf } = await loggedInAgent(testApp.app, moderator, '/ideas/new');
    await useUpSubmissions(agent, csrf, ideaSubmissionsPerHour.resident);
    const accepted = await withFields(agent.post(`/ideas?_csrf=${csrf}`), await ideaFields({ title: 'From a paper form' })).expect(303);
    expect(accepted.headers['ratelimit-policy']).toContain(`q=${ideaSubmissionsPerHour.staff}`);
    expect(await testApp.db('ideas').where({ author_id: moderator.id, title: 'From a paper form' })).toHaveLength(1);
  });
});

describe('the idea form', () => {
  it('sends its CSRF token in the query string of an upload form, and leaves photos out until the email is confirmed', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, resident, '/ideas/new');
    const page = await agent.get('/ideas/new').expect(200);
    expect(page.text).toContain(`action="/ideas?_csrf=${encodeURIComponent(csrf)}" enctype="multipart/form-data"`);
    expect(page.text).toContain('name="photos"');
    const unverified = await buildUser(testApp.db, { verified: false, preferredLocale: 'en' });
    const draftAuthor = await loggedInAgent(testApp.app, unverified, '/ideas/new');
    const draftForm = await draftAuthor.agent.get('/ideas/new?lang=en').expect(200);
    expect(draftForm.text).toContain('action="/ideas" class="stacked-form idea-form"');
    expect(draftForm.text).not.toContain('name="photos"');
    expect(draftForm.text).toContain('You can add photos once your email address is confirmed.');
  });
});
