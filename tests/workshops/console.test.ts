import request from 'supertest';
import ExcelJS from 'exceljs';
import { loggedInAgent } from '../helpers/forms';
import { buildUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildDots, buildParticipant, buildRoomIdea, buildWorkshop } from '../factories/workshops';
import { useScene } from '../factories/scene';

const { testApp, consultation, facilitator, otherFacilitator, moderator, resident } = useScene({
  users: { facilitator: { role: 'facilitator', preferredLocale: 'en', displayName: 'Facilitator' }, otherFacilitator: { role: 'facilitator', preferredLocale: 'en' }, moderator: { role: 'moderator', preferredLocale: 'en' }, resident: { preferredLocale: 'en' } },
  consultation: {},
});

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

const form = (overrides: Record<string, string> = {}) => ({
  name: 'Skate park <b>ideas</b>',
  consultationId: String(consultation.id),
  heldOn: '2026-12-02',
  locale: 'lv',
  dotBudget: '3',
  maxDotsPerIdea: '2',
  ballot: 'workshop',
  ...overrides,
});

describe('creating and running a workshop', () => {
  it('a facilitator creates a draft with a join code and a QR code, sees the Workshops link, and opens it', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, '/workshops/new');
    const home = await agent.get('/?lang=en').expect(200);
    expect(home.text).toContain('href="/workshops"');
    const created = await agent.post('/workshops?lang=en').type('form').send({ _csrf: csrf, ...form() }).expect(303);
    const id = Number(/^\/workshops\/(\d+)$/.exec(created.headers.location)![1]);
    const row = await testApp.db('workshops').where({ id }).first();
    expect(row).toMatchObject({ name: 'Skate park <b>ideas</b>', state: 'draft', created_by: facilitator.id, dot_budget: 3, max_dots_per_idea: 2, locale: 'lv' });
    expect(row.join_code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);

    const consolePage = await agent.get(`/workshops/${id}?lang=en`).expect(200);
    expect(consolePage.text).toContain('Skate park &lt;b&gt;ideas&lt;/b&gt;');
    expect(consolePage.text).toContain(row.join_code);
    expect(consolePage.text).toContain('Open the workshop');
    const qr = await agent.get(`/workshops/${id}/qr.svg`).buffer(true).parse(binary).expect(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = (qr.body as Buffer).toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script/i);

    await agent.post(`/workshops/${id}/state`).type('form').send({ _csrf: csrf, to: 'open' }).expect(303);
    expect((await testApp.db('workshops').where({ id }).first()).state).toBe('open');
    const audit = await testApp.db('audit_log').where({ target_type: 'workshop', target_id: id }).orderBy('id');
    expect(audit.map((entry) => entry.action)).toEqual(['workshop.created', 'workshop.state_changed']);
    expect(audit[1]).toMatchObject({ actor_id: facilitator.id, before: { state: 'draft' }, after: { state: 'open' } });
  });

  it('shows the form again with the problems and what was typed, storing nothing', async () => {
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, '/workshops/new');
    const before = await testApp.db('workshops').count({ count: '*' });
    const response = await agent.post('/workshops?lang=en').type('form').send({ _csrf: csrf, ...form({ name: '', dotBudget: '2', maxDotsPerIdea: '3', heldOn: 'tomorrow' }) }).expect(422);
    expect(response.text).toContain('Give the workshop a name.');
    expect(response.text).toContain('The most dots on one idea cannot be more than the dots per participant.');
    expect(response.text).toContain('Enter the date as YYYY-MM-DD.');
    expect(response.text).toContain('value="tomorrow"');
    const closedConsultation = await buildConsultation(testApp.db, { phase: 'closed' });
    const closed = await agent.post('/workshops?lang=en').type('form').send({ _csrf: csrf, ...form({ consultationId: String(closedConsultation) }) }).expect(422);
    expect(closed.text).toContain('Choose a consultation that is still open.');
    expect(await testApp.db('workshops').count({ count: '*' })).toEqual(before);
  });

  it('refuses a transition that the state does not allow, with a message and no change', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'draft' });
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}`);
    await agent.post(`/workshops/${workshop.id}/state`).type('form').send({ _csrf: csrf, to: 'voting' }).expect(303);
    const page = await agent.get(`/workshops/${workshop.id}?lang=en`).expect(200);
    expect(page.text).toContain('The workshop cannot change to that state now.');
    expect((await testApp.db('workshops').where({ id: workshop.id }).first()).state).toBe('draft');
  });

  it('lets a facilitator see and run only their own workshops; staff see all; residents none', async () => {
    const mine = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, name: 'Mine' });
    const theirs = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: otherFacilitator.id, name: 'Theirs' });
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, '/workshops');
    const list = await agent.get('/workshops').expect(200);
    expect(list.text).toContain('>Mine<');
    expect(list.text).not.toContain('>Theirs<');
    await agent.get(`/workshops/${theirs.id}`).expect(403);
    await agent.get(`/workshops/${theirs.id}/projector`).expect(403);
    await agent.get(`/workshops/${theirs.id}/stream`).expect(403);
    await agent.post(`/workshops/${theirs.id}/state`).type('form').send({ _csrf: csrf, to: 'voting' }).expect(403);
    expect((await testApp.db('workshops').where({ id: theirs.id }).first()).state).toBe('open');

    const staff = await loggedInAgent(testApp.app, moderator, '/workshops');
    const all = await staff.agent.get('/workshops').expect(200);
    expect(all.text).toContain('>Mine<');
    expect(all.text).toContain('>Theirs<');
    await staff.agent.get(`/workshops/${mine.id}`).expect(200);

    const residentAgent = await loggedInAgent(testApp.app, resident);
    await residentAgent.agent.get('/workshops').expect(403);
    await residentAgent.agent.get(`/workshops/${mine.id}`).expect(403);
    expect((await residentAgent.agent.get('/').expect(200)).text).not.toContain('href="/workshops"');
    const anonymous = await request(testApp.app).get('/workshops/new').expect(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fworkshops%2Fnew');
  });

  it('fixes settings once voting started, and refuses changing the dot rules once dots were cast', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'open' });
    const ideaId = await buildRoomIdea(testApp.db, workshop, consultation.id);
    const participantId = await buildParticipant(testApp.db, workshop.id);
    await buildDots(testApp.db, { workshopId: workshop.id, participantId, ideaId, dots: 1 });
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}/edit`);
    const refused = await agent.post(`/workshops/${workshop.id}/edit?lang=en`).type('form').send({ _csrf: csrf, ...form({ dotBudget: '5' }) }).expect(422);
    expect(refused.text).toContain('Dots have already been cast');
    await agent.post(`/workshops/${workshop.id}/edit?lang=en`).type('form').send({ _csrf: csrf, ...form({ dotBudget: '3', name: 'Renamed' }) }).expect(303);
    expect((await testApp.db('workshops').where({ id: workshop.id }).first()).name).toBe('Renamed');
    await testApp.db('workshops').where({ id: workshop.id }).update({ state: 'voting' });
    await agent.post(`/workshops/${workshop.id}/edit?lang=en`).type('form').send({ _csrf: csrf, ...form() }).expect(409);
  });

  it('a chosen ballot takes only published ideas of the workshop’s consultation', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'draft', ballot: 'chosen' });
    const published = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id, title: 'Published one' });
    const hidden = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: resident.id, visibility: 'hidden' });
    const elsewhere = await buildIdea(testApp.db, { consultationId: await buildConsultation(testApp.db), authorId: resident.id });
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}`);
    expect((await agent.get(`/workshops/${workshop.id}`).expect(200)).text).toContain('Published one');
    await agent.post(`/workshops/${workshop.id}/ballot`).type('form').send({ _csrf: csrf, ideaIds: [String(published), String(hidden), String(elsewhere)] }).expect(303);
    const chosen = await testApp.db('workshop_ballot_ideas').where({ workshop_id: workshop.id }).pluck('idea_id');
    expect(chosen).toEqual([published]);
  });
});

describe('closing, results and hand-off', () => {
  it('freezes the results at closing; exports CSV and XLSX that match; hands the ideas to moderation in one step', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting', name: '=HYPERLINK("http://evil","x")' });
    const first = await buildRoomIdea(testApp.db, workshop, consultation.id, { title: '=cmd|calc Skate ramp' });
    const second = await buildRoomIdea(testApp.db, workshop, consultation.id, { title: 'Benches ķīmiķu ciematā' });
    const a = await buildParticipant(testApp.db, workshop.id, { nickname: 'A', ageGroup: '13_15' });
    const b = await buildParticipant(testApp.db, workshop.id, { nickname: null, ageGroup: null });
    await buildDots(testApp.db, { workshopId: workshop.id, participantId: a, ideaId: first, dots: 2 });
    await buildDots(testApp.db, { workshopId: workshop.id, participantId: b, ideaId: first, dots: 1 });
    await buildDots(testApp.db, { workshopId: workshop.id, participantId: b, ideaId: second, dots: 2 });
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}`);
    await agent.get(`/workshops/${workshop.id}/results.csv`).expect(409);
    await agent.post(`/workshops/${workshop.id}/hand-off`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await testApp.db('ideas').whereIn('id', [first, second]).pluck('visibility')).toEqual(['workshop', 'workshop']);

    await agent.post(`/workshops/${workshop.id}/state`).type('form').send({ _csrf: csrf, to: 'closed' }).expect(303);
    const closed = await testApp.db('workshops').where({ id: workshop.id }).first();
    expect(closed).toMatchObject({ state: 'closed', result_participants: 2 });
    expect(closed.result_age_groups).toMatchObject({ '13_15': 1, unspecified: 1, under_13: 0 });
    expect(await testApp.db('workshop_results').where({ workshop_id: workshop.id }).orderBy('position').select('idea_id', 'dots', 'position')).toEqual([
      { idea_id: first, dots: 3, position: 1 },
      { idea_id: second, dots: 2, position: 2 },
    ]);

    const csv = await agent.get(`/workshops/${workshop.id}/results.csv`).buffer(true).parse(binary).expect(200);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'workshop,held_on,participants,dots_spent,age_under_13,age_13_15,age_16_18,age_19_25,age_over_25,age_unspecified,position,idea_id,title,category,pinned_in_workshop,dots,latitude,longitude,link',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")",2026-12-02,2,5,0,1,0,0,0,1,1,${first},'=cmd|calc Skate ramp,`);
    expect(lines[1]).toMatch(new RegExp(`,yes,3,55.87,26.52,http://localhost:3000/ideas/${first}$`));
    expect(lines[2]).toContain('Benches ķīmiķu ciematā');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="kopa-workshop-${workshop.id}-results.csv"`);

    const xlsx = await agent.get(`/workshops/${workshop.id}/results.xlsx`).buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const results = book.getWorksheet('Results')!;
    expect(results.getRow(2).getCell(3).value).toBe('=cmd|calc Skate ramp');
    expect(results.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.String);
    expect(results.getRow(2).getCell(6).value).toBe(3);
    expect(results.getRow(3).getCell(6).value).toBe(2);
    const summary = book.getWorksheet('Workshop')!;
    const figures = Object.fromEntries(summary.getSheetValues().slice(2).map((row) => [(row as unknown[])[1], (row as unknown[])[2]]));
    expect(figures).toMatchObject({ participants: 2, dots_spent: 5, age_13_15: 1, age_unspecified: 1, dot_budget: 3 });

    await agent.post(`/workshops/${workshop.id}/hand-off`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await testApp.db('ideas').whereIn('id', [first, second]).orderBy('id').pluck('visibility')).toEqual(['pending', 'pending']);
    const handOff = await testApp.db('audit_log').where({ action: 'workshop.ideas_handed_to_moderation', target_id: workshop.id }).first();
    expect(handOff).toMatchObject({ actor_id: facilitator.id, after: { ideaIds: [first, second] } });
    expect((await agent.get(`/workshops/${workshop.id}?lang=en`).expect(200)).text).toContain('The ideas were handed to moderation on');
    const moderator = await buildUser(testApp.db, { role: 'moderator' });
    const queue = await (await loggedInAgent(testApp.app, moderator)).agent.get('/admin/moderation?lang=en').expect(200);
    expect(queue.text).toContain('Benches ķīmiķu ciematā');
    expect(queue.text).toContain('a participant of the youth workshop “=HYPERLINK(&#34;http://evil&#34;,&#34;x&#34;)”');
    // Closing again is refused; the results stay as they were.
    await agent.post(`/workshops/${workshop.id}/state`).type('form').send({ _csrf: csrf, to: 'closed' }).expect(303);
    expect(await testApp.db('workshop_results').where({ workshop_id: workshop.id }).count({ count: '*' })).toEqual([{ count: 2 }]);
  });

  it('a facilitator removes a rude pin from the room; dots on it go back', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting' });
    const rude = await buildRoomIdea(testApp.db, workshop, consultation.id, { title: 'Rude words' });
    const participant = await buildParticipant(testApp.db, workshop.id);
    await buildDots(testApp.db, { workshopId: workshop.id, participantId: participant, ideaId: rude, dots: 2 });
    const { agent, csrf } = await loggedInAgent(testApp.app, facilitator, `/workshops/${workshop.id}`);
    await agent.post(`/workshops/${workshop.id}/ideas/${rude}/remove`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await testApp.db('ideas').where({ id: rude }).first()).visibility).toBe('hidden');
    expect(await testApp.db('workshop_dots').where({ idea_id: rude })).toEqual([]);
    const projector = await agent.get(`/workshops/${workshop.id}/projector`).expect(200);
    expect(projector.text).not.toContain('Rude words');
  });
});
