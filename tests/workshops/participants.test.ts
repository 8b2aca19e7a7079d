import request from 'supertest';
import type { Test } from 'supertest';
import { loggedInAgent, setCookiesOf } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { categoryId } from '../factories/ideas';
import { smallPng } from '../factories/images';
import { buildParticipant, buildRoomIdea, buildWorkshop, participantCookie } from '../factories/workshops';
import { useScene } from '../factories/scene';
import { participantFormToken } from './helpers';

const { testApp, consultation, facilitator } = useScene({
  users: { facilitator: { role: 'facilitator', preferredLocale: 'en' } },
  consultation: {},
});
beforeEach(() => testApp.db('rate_limits').delete());

const secret = () => testApp.config.sessionSecret;
const count = async (table: string) => Number((await testApp.db(table).count({ count: '*' }))[0].count);

async function joined(workshop: { id: number; joinCode: string }, nickname = 'Anna') {
  const agent = request.agent(testApp.app);
  const response = await agent.post(`/w/${workshop.joinCode}/join`).type('form').send({ nickname, ageGroup: '13_15' }).expect(303);
  const participant = await testApp.db('workshop_participants').where({ workshop_id: workshop.id }).orderBy('id', 'desc').first();
  return { agent, response, participantId: participant.id as number, token: participantFormToken(secret(), workshop.id, participant.id) };
}

describe('joining with a code', () => {
  it('the code page is reachable from the home page, and a right code leads to the workshop', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    expect((await request(testApp.app).get('/?lang=en').expect(200)).text).toContain('href="/w"');
    const form = await request(testApp.app).get('/w?lang=en').expect(200);
    expect(form.text).toContain('Workshop code');
    const typed = await request(testApp.app).get(`/w?code=${workshop.joinCode.toLowerCase().slice(0, 3)}%20${workshop.joinCode.slice(3)}`).expect(303);
    expect(typed.headers.location).toBe(`/w/${workshop.joinCode}`);
    const page = await request(testApp.app).get(`/w/${workshop.joinCode}?lang=en`).expect(200);
    expect(page.text).toContain('Before you join');
    expect(page.text).toContain('You do not need an account');
    expect(page.text).not.toMatch(/type="email"|type="password"/);
  });

  it('joins with only a nickname and an age group: a signed cookie for this workshop, no session, no personal data', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    const sessions = await count('sessions');
    const { agent, response, participantId } = await joined(workshop, '  Anna  ');
    expect(response.headers.location).toBe(`/w/${workshop.joinCode}?notice=workshops:room.joined`);
    const cookies = setCookiesOf(response);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(new RegExp(`^kopa\\.wp=${participantId}\\.[\\w-]{43}; Max-Age=604800; Path=/w/${workshop.joinCode}; Expires=.*; HttpOnly; SameSite=Lax$`));
    expect(await count('sessions')).toBe(sessions);
    const row = await testApp.db('workshop_participants').where({ id: participantId }).first();
    expect(Object.keys(row).sort()).toEqual(['age_group', 'created_at', 'id', 'nickname', 'workshop_id']);
    expect(row).toMatchObject({ workshop_id: workshop.id, nickname: 'Anna', age_group: '13_15' });
    const room = await agent.get(`/w/${workshop.joinCode}?notice=workshops:room.joined&lang=en`).expect(200);
    expect(room.text).toContain('You are in. Welcome!');
    expect(room.text).toContain('Pin an idea');
    expect(setCookiesOf(room).filter((cookie) => !cookie.startsWith('lang='))).toEqual([]);
    // Joining again from the same browser does not make a second participant.
    await agent.post(`/w/${workshop.joinCode}/join`).type('form').send({ nickname: 'Again' }).expect(303);
    expect(await testApp.db('workshop_participants').where({ workshop_id: workshop.id }).count({ count: '*' })).toEqual([{ count: 1 }]);
  });

  it('a nickname too long is refused with the form kept', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    const response = await request(testApp.app).post(`/w/${workshop.joinCode}/join?lang=en`).type('form').send({ nickname: 'x'.repeat(41), ageGroup: 'adults' }).expect(422);
    expect(response.text).toContain('A nickname can be at most 40 characters long.');
    expect(response.text).toContain('Choose one of the age groups, or none.');
    expect(await testApp.db('workshop_participants').where({ workshop_id: workshop.id })).toEqual([]);
  });

  it('a cross-site join form is refused', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    await request(testApp.app).post(`/w/${workshop.joinCode}/join`).set('Origin', 'https://evil.example').type('form').send({}).expect(403);
    await request(testApp.app).post(`/w/${workshop.joinCode}/join`).set('Sec-Fetch-Site', 'cross-site').type('form').send({}).expect(403);
    expect(await testApp.db('workshop_participants').where({ workshop_id: workshop.id })).toEqual([]);
  });

  it('a wrong code gets a clear message; 20 wrong codes a minute from one address get 429, localized, even for a right code', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    const wrong = await request(testApp.app).get('/w?code=ZZZZZZ&lang=en').expect(404);
    expect(wrong.text).toContain('No workshop has this code. Check the letters and numbers on the screen and try again.');
    expect(wrong.text).toContain('value="ZZZZZZ"');
    const malformed = await request(testApp.app).get('/w?code=%3Cscript%3E&lang=en').expect(404);
    expect(malformed.text).toContain('value="&lt;script&gt;"');
    await request(testApp.app).get('/w/ZZZZZY?lang=en').expect(404);
    for (let attempt = 4; attempt <= 20; attempt += 1) await request(testApp.app).get(`/w/ZZZZ${attempt < 10 ? 'Z' : ''}${attempt}`.slice(0, 9));
    const limited = await request(testApp.app).get('/w?code=ZZZZZX&lang=ru').expect(429);
    expect(limited.text).toContain('Из этой сети введено слишком много неверных кодов');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    await request(testApp.app).get(`/w/${workshop.joinCode}`).expect(429);
    await request(testApp.app).post(`/w/${workshop.joinCode}/join`).type('form').send({}).expect(429);
    // A participant who already joined is not locked out by others' wrong codes on the same network.
    await testApp.db('rate_limits').delete();
    const { agent } = await joined(workshop);
    for (let attempt = 0; attempt < 20; attempt += 1) await request(testApp.app).get('/w?code=QQQQQQ');
    await agent.get(`/w/${workshop.joinCode}`).expect(200);
  });

  it('right codes are not counted: a whole class joining from one address is never limited', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    for (let pupil = 0; pupil < 25; pupil += 1) {
      await request(testApp.app).get(`/w?code=${workshop.joinCode}`).expect(303);
      await request(testApp.app).post(`/w/${workshop.joinCode}/join`).type('form').send({}).expect(303);
    }
    expect(await testApp.db('workshop_participants').where({ workshop_id: workshop.id }).count({ count: '*' })).toEqual([{ count: 25 }]);
  });

  it.each([
    ['draft', 409, 'This workshop has not started yet.'],
    ['closed', 410, 'This workshop has ended, so its code no longer works.'],
  ] as const)('joining a %s workshop is refused with a clear message', async (state, status, message) => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state });
    const page = await request(testApp.app).get(`/w/${workshop.joinCode}?lang=en`).expect(status);
    expect(page.text).toContain(message);
    expect(page.text).not.toContain('Join the workshop');
    const post = await request(testApp.app).post(`/w/${workshop.joinCode}/join?lang=en`).type('form').send({ nickname: 'Late' }).expect(409);
    expect(post.text).toContain(message);
    expect(await testApp.db('workshop_participants').where({ workshop_id: workshop.id })).toEqual([]);
  });
});

describe('participant cookies', () => {
  it('a cookie from another workshop, a forged one, or one of a deleted participant identifies nobody', async () => {
    const workshopA = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting' });
    const workshopB = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting' });
    const ideaB = await buildRoomIdea(testApp.db, workshopB, consultation.id);
    const participantA = await buildParticipant(testApp.db, workshopA.id);
    const fromA = participantCookie(secret(), workshopA.id, participantA);
    const tokenA = participantFormToken(secret(), workshopA.id, participantA);
    const forged = `kopa.wp=${participantA}.${'A'.repeat(43)}`;
    const ghost = participantCookie(secret(), workshopB.id, 999_999);
    for (const cookie of [fromA, forged, ghost]) {
      const page = await request(testApp.app).get(`/w/${workshopB.joinCode}?lang=en`).set('Cookie', cookie).expect(200);
      expect(page.text).toContain('Join the workshop');
      await request(testApp.app).post(`/w/${workshopB.joinCode}/ideas/${ideaB}/dots`).set('Cookie', cookie).type('form').send({ _csrf: tokenA, change: 'add' }).expect(403);
      await request(testApp.app).get(`/w/${workshopB.joinCode}/stream`).set('Cookie', cookie).expect(403);
    }
    expect(await testApp.db('workshop_dots').where({ workshop_id: workshopB.id })).toEqual([]);
  });

  it('a participant’s form needs their own token, not another participant’s', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting' });
    const ideaId = await buildRoomIdea(testApp.db, workshop, consultation.id);
    const { agent } = await joined(workshop);
    const other = await buildParticipant(testApp.db, workshop.id);
    await agent.post(`/w/${workshop.joinCode}/ideas/${ideaId}/dots`).type('form').send({ change: 'add' }).expect(403);
    await agent.post(`/w/${workshop.joinCode}/ideas/${ideaId}/dots`).type('form').send({ _csrf: participantFormToken(secret(), workshop.id, other), change: 'add' }).expect(403);
    expect(await testApp.db('workshop_dots').where({ workshop_id: workshop.id })).toEqual([]);
  });
});

describe('voting with dots', () => {
  it('adds and takes back dots with the form or JSON; shows dots left; refuses over the budget and over K on one idea', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting', dotBudget: 3, maxDotsPerIdea: 2 });
    const ideas = [await buildRoomIdea(testApp.db, workshop, consultation.id, { title: 'Ramp' }), await buildRoomIdea(testApp.db, workshop, consultation.id)];
    const { agent, token } = await joined(workshop);
    const dot = (ideaId: number, change: string) => agent.post(`/w/${workshop.joinCode}/ideas/${ideaId}/dots?lang=en`).set('Accept', 'application/json').type('form').send({ _csrf: token, change });
    expect((await dot(ideas[0], 'add').expect(200)).body).toEqual({ ideaId: ideas[0], mine: 1, dotsLeft: 2, message: 'You have 2 dots left.' });
    expect((await dot(ideas[0], 'add').expect(200)).body).toMatchObject({ mine: 2, dotsLeft: 1, message: 'You have 1 dot left.' });
    expect((await dot(ideas[0], 'add').expect(409)).body.error.message).toBe('You already have as many dots on this idea as one idea can get.');
    await dot(ideas[1], 'add').expect(200);
    expect((await dot(ideas[1], 'add').expect(409)).body.error.message).toBe('You have used all your dots. Take one back to put it somewhere else.');
    expect((await dot(ideas[0], 'remove').expect(200)).body).toMatchObject({ mine: 1, dotsLeft: 1 });
    // Without JavaScript: a redirect back to the idea, and the page says what is left.
    const redirect = await agent.post(`/w/${workshop.joinCode}/ideas/${ideas[1]}/dots`).type('form').send({ _csrf: token, change: 'add' }).expect(303);
    expect(redirect.headers.location).toBe(`/w/${workshop.joinCode}#idea-${ideas[1]}`);
    const refused = await agent.post(`/w/${workshop.joinCode}/ideas/${ideas[1]}/dots`).type('form').send({ _csrf: token, change: 'add' }).expect(303);
    expect(refused.headers.location).toBe(`/w/${workshop.joinCode}?notice=workshops:dots.refused.budget#idea-${ideas[1]}`);
    const page = await agent.get(`/w/${workshop.joinCode}?notice=workshops:dots.refused.budget&lang=ru`).expect(200);
    expect(page.text).toContain('У вас осталось 0 голосов.');
    expect(page.text).toContain('Вы использовали все свои голоса.');
    expect(await testApp.db('workshop_dots').where({ workshop_id: workshop.id }).orderBy('idea_id').select('idea_id', 'dots')).toEqual([
      { idea_id: ideas[0], dots: 1 },
      { idea_id: ideas[1], dots: 2 },
    ]);
    await dot(ideas[0], 'sideways').expect(400);
    await dot(999_999, 'add').expect(404);
  });

  it('voting in the open state, before voting starts, is refused; so is voting after closing', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'open' });
    const ideaId = await buildRoomIdea(testApp.db, workshop, consultation.id);
    const { agent, token } = await joined(workshop);
    const dot = () => agent.post(`/w/${workshop.joinCode}/ideas/${ideaId}/dots?lang=en`).set('Accept', 'application/json').type('form').send({ _csrf: token, change: 'add' });
    expect((await dot().expect(409)).body.error.message).toBe('Voting has not started yet.');
    await testApp.db('workshops').where({ id: workshop.id }).update({ state: 'voting' });
    await dot().expect(200);
    const { agent: staff, csrf } = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}`);
    await staff.post(`/workshops/${workshop.id}/state`).type('form').send({ _csrf: csrf, to: 'closed' }).expect(303);
    expect((await dot().expect(409)).body.error.message).toBe('The workshop has ended; dots can no longer be changed.');
    expect(await testApp.db('workshop_dots').where({ workshop_id: workshop.id }).sum({ total: 'dots' })).toEqual([{ total: 1 }]);
    expect(await testApp.db('workshop_results').where({ workshop_id: workshop.id }).pluck('dots')).toEqual([1]);
    // A participant can still see the final results on their phone.
    const page = await agent.get(`/w/${workshop.joinCode}?lang=en`).expect(200);
    expect(page.text).toContain('Final results');
    expect(page.text).not.toContain('data-dot-form');
  });

  it('only ideas on the ballot take dots; a consultation ballot adds its published ideas', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting', ballot: 'consultation' });
    const resident = await buildUser(testApp.db);
    const published = (await testApp.db('ideas').insert({ consultation_id: consultation.id, author_id: resident.id, title: 'Published idea', description: 'x', original_locale: 'lv', category_id: await categoryId(testApp.db), neb_values: ['beautiful'], latitude: 55.87, longitude: 26.53 }).returning('id'))[0].id;
    const otherWorkshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    const notHere = await buildRoomIdea(testApp.db, otherWorkshop, consultation.id);
    const { agent, token } = await joined(workshop);
    const dot = (ideaId: number) => agent.post(`/w/${workshop.joinCode}/ideas/${ideaId}/dots`).set('Accept', 'application/json').type('form').send({ _csrf: token, change: 'add' });
    await dot(published).expect(200);
    await dot(notHere).expect(404);
  });
});

describe('pinning ideas in the workshop', () => {
  function fillPin(post: Test, token: string, overrides: Record<string, string | undefined> = {}): Test {
    const fields: Record<string, string | undefined> = {
      title: 'Skate ramp <script>alert(1)</script>',
      description: 'A ramp by the river.',
      originalLocale: 'lv',
      categoryId: undefined,
      nebValues: 'together',
      latitude: '55.873',
      longitude: '26.521',
      ...overrides,
    };
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) post.field(name, value);
    // An upload form's CSRF token travels in the query: the multipart body is read after the check.
    return post.query({ _csrf: token });
  }

  it('stores the idea with visibility workshop, no author and the participant; it shows in the room but nowhere public', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'open' });
    const { agent, token, participantId } = await joined(workshop);
    const form = await agent.get(`/w/${workshop.joinCode}/ideas/new?lang=en`).expect(200);
    expect(form.text).toContain(`action="/w/${workshop.joinCode}/ideas?_csrf=${encodeURIComponent(token)}"`);
    expect(form.text).toContain(`name="_csrf" value="${token}"`);
    expect(form.text).toContain('Back to the workshop');
    const response = await fillPin(agent.post(`/w/${workshop.joinCode}/ideas`), token, { categoryId: String(await categoryId(testApp.db)) })
      .attach('photos', await smallPng(), { filename: 'ramp.png', contentType: 'image/png' })
      .expect(303);
    expect(response.headers.location).toBe(`/w/${workshop.joinCode}?notice=workshops:room.pinned`);
    const idea = await testApp.db('ideas').where({ workshop_id: workshop.id }).first();
    expect(idea).toMatchObject({ author_id: null, visibility: 'workshop', workshop_participant_id: participantId, consultation_id: consultation.id, title: 'Skate ramp <script>alert(1)</script>' });
    expect(await testApp.db('idea_photos').where({ idea_id: idea.id })).toHaveLength(1);

    const room = await agent.get(`/w/${workshop.joinCode}?lang=en`).expect(200);
    expect(room.text).toContain('Skate ramp &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(room.text).not.toContain('<script>alert(1)');
    const geojson = await request(testApp.app).get('/api/ideas.geojson').expect(200);
    expect(JSON.parse(geojson.text).features.map((feature: { id: number }) => feature.id)).not.toContain(idea.id);
    await request(testApp.app).get(`/api/ideas/${idea.id}`).expect(404);
    await request(testApp.app).get(`/ideas/${idea.id}`).expect(404);
    expect((await request(testApp.app).get('/ideas').expect(200)).text).not.toContain('Skate ramp');
  });

  it('uses the ideas feature’s rules: a point outside the city or a missing category is refused with the form kept', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'open' });
    const { agent, token } = await joined(workshop);
    const outside = await fillPin(agent.post(`/w/${workshop.joinCode}/ideas?lang=en`), token, { categoryId: String(await categoryId(testApp.db)), latitude: '56.95', longitude: '24.1' }).expect(422);
    expect(outside.text).toContain('This place is outside Daugavpils.');
    expect(outside.text).toContain('value="Skate ramp &lt;script&gt;alert(1)&lt;/script&gt;"');
    const noCategory = await fillPin(agent.post(`/w/${workshop.joinCode}/ideas?lang=en`), token).expect(422);
    expect(noCategory.text).toContain('Please choose a category.');
    expect(await testApp.db('ideas').where({ workshop_id: workshop.id })).toEqual([]);
  });

  it('refuses pinning once voting started, and from someone who has not joined', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting' });
    const { agent, token } = await joined(workshop);
    const response = await fillPin(agent.post(`/w/${workshop.joinCode}/ideas`), token, { categoryId: String(await categoryId(testApp.db)) }).expect(303);
    expect(response.headers.location).toBe(`/w/${workshop.joinCode}?notice=workshops:pin.refused.voting`);
    await request(testApp.app).post(`/w/${workshop.joinCode}/ideas`).field('title', 'x').expect(403);
    expect(await testApp.db('ideas').where({ workshop_id: workshop.id })).toEqual([]);
  });
});

describe('nicknames', () => {
  it('are escaped on the projector and never shown to participants', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'open' });
    await joined(workshop, '<img src=x onerror=alert(1)>Ilze');
    const { agent: participant } = await joined(workshop, 'Sergejs');
    const { agent } = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}`);
    const projector = await agent.get(`/workshops/${workshop.id}/projector?lang=en`).expect(200);
    expect(projector.text).toContain('<li>&lt;img src=x onerror=alert(1)&gt;Ilze</li>');
    expect(projector.text).not.toContain('<img src=x');
    expect(projector.text).toContain('2 participants');
    const room = await participant.get(`/w/${workshop.joinCode}`).expect(200);
    expect(room.text).not.toContain('Ilze');
    expect(room.text).not.toContain('Sergejs');
  });
});

describe('reference data of the participant pages', () => {
  const referenceTables = /\bfrom "(consultations|categories|places)"/;

  it('come from memory, and a category renamed by an admin shows on the next room page and pin form', async () => {
    const admin = await buildUser(testApp.db, { role: 'admin' });
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'open' });
    const { agent } = await joined(workshop);
    await agent.get(`/w/${workshop.joinCode}?lang=en`).expect(200);
    await agent.get(`/w/${workshop.joinCode}/ideas/new?lang=en`).expect(200);
    const sent: string[] = [];
    const listener = (query: { sql: string }) => sent.push(query.sql);
    testApp.db.on('query', listener);
    try {
      await agent.get(`/w/${workshop.joinCode}?lang=en`).expect(200);
      await agent.get(`/w/${workshop.joinCode}/ideas/new?lang=en`).expect(200);
    } finally {
      testApp.db.removeListener('query', listener);
    }
    expect(sent.filter((sql) => referenceTables.test(sql))).toEqual([]);

    const id = await categoryId(testApp.db, 'heritage');
    const staff = await loggedInAgent(testApp.app, admin, `/admin/categories/${id}`);
    await staff.agent
      .post(`/admin/categories/${id}`)
      .type('form')
      .send({ _csrf: staff.csrf, slug: 'heritage', name_lv: 'Mantojums', name_ru: 'Наследие', name_en: 'Old <b>town</b>', icon: 'castle', color: '#7c2d12', position: '3' })
      .expect(303);
    const room = (await agent.get(`/w/${workshop.joinCode}?lang=en`).expect(200)).text;
    expect(room).toContain('Old &lt;b&gt;town&lt;/b&gt;');
    const form = (await agent.get(`/w/${workshop.joinCode}/ideas/new?lang=en`).expect(200)).text;
    expect(form).toContain('Old &lt;b&gt;town&lt;/b&gt;');
  });
});
