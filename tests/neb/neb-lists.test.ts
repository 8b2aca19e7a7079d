import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp, consultation, planner, author } = useScene({
  users: { planner: { role: 'planner', preferredLocale: 'en' }, author: {} },
  consultation: {},
});

const elements = ['beautiful', 'sustainable', 'together', 'participatory', 'multilevel', 'transdisciplinary'] as const;
const form = (levels: number[]) => Object.fromEntries(elements.map((element, index) => [`${element}Level`, String(levels[index])]));
const titlesIn = (html: string) => [...html.matchAll(/NEB list (\w+)/g)].map((match) => match[1]).filter((title, index, all) => all.indexOf(title) === index);

beforeAll(async () => {
  const idea = (name: string) => buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: `NEB list ${name}` });
  const [high, low, internalOnly] = [await idea('high'), await idea('low'), await idea('internal')];
  await idea('plain');
  const { agent, csrf } = await loggedInAgent(testApp.app, planner);
  const assess = (ideaId: number, levels: number[]) => agent.post(`/admin/ideas/${ideaId}/assessment`).type('form').send({ _csrf: csrf, ...form(levels) }).expect(303);
  const publish = (ideaId: number) => agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
  await assess(high, [3, 0, 0, 0, 0, 0]);
  await publish(high);
  await assess(high, [0, 0, 0, 0, 0, 0]); // internal: would pull the median down to 0
  await assess(low, [1, 3, 0, 0, 0, 0]);
  await publish(low);
  await assess(internalOnly, [3, 3, 3, 3, 3, 3]);
});

describe('the public list by published NEB levels', () => {
  it('filters by the published median of one element, never by internal assessments', async () => {
    const atLeastTwo = (await request(testApp.app).get('/ideas?nebElement=beautiful&nebLevel=2').set('Accept-Language', 'en').expect(200)).text;
    expect(titlesIn(atLeastTwo)).toEqual(['high']);
    const assessed = (await request(testApp.app).get('/ideas?nebElement=beautiful&nebLevel=0').set('Accept-Language', 'en').expect(200)).text;
    expect(titlesIn(assessed).sort()).toEqual(['high', 'low']);
  });

  it('sorts by the published level of the chosen element', async () => {
    const beautiful = (await request(testApp.app).get('/ideas?nebElement=beautiful&sort=assessed').set('Accept-Language', 'en').expect(200)).text;
    expect(titlesIn(beautiful)).toEqual(['high', 'low']);
    const sustainable = (await request(testApp.app).get('/ideas?nebElement=sustainable&sort=assessed').set('Accept-Language', 'en').expect(200)).text;
    expect(titlesIn(sustainable)).toEqual(['low', 'high']);
  });

  it('the next anonymous list shows a publish at once (the cached answer is dropped)', async () => {
    const fresh = await buildIdea(testApp.db, { consultationId: await buildConsultation(testApp.db), authorId: author.id, title: 'NEB list fresh' });
    const list = () => request(testApp.app).get('/ideas?nebElement=together&nebLevel=3').set('Accept-Language', 'en').expect(200);
    expect(titlesIn((await list()).text)).toEqual([]);
    const { agent, csrf } = await loggedInAgent(testApp.app, planner);
    await agent.post(`/admin/ideas/${fresh}/assessment`).type('form').send({ _csrf: csrf, ...form([0, 0, 3, 0, 0, 0]) }).expect(303);
    expect(titlesIn((await list()).text)).toEqual([]);
    await agent.post(`/admin/ideas/${fresh}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
    expect(titlesIn((await list()).text)).toEqual(['fresh']);
  });

  it.each(['nebLevel=4', 'nebLevel=-1', 'nebElement=ugly', 'nebLevel=1.5'])('answers %s with 400', async (query) => {
    await request(testApp.app).get(`/ideas?${query}`).expect(400);
  });
});

describe('the staff list of assessed ideas', () => {
  const rowsIn = (html: string) => [...html.matchAll(/<tr data-assessed-idea="\d+">\s*<th scope="row"><a [^>]*>NEB list (\w+)<\/a>/g)].map((match) => match[1]);

  it('lists every assessed idea with the median of all assessments; filters and sorts by level', async () => {
    const { agent } = await loggedInAgent(testApp.app, planner);
    const all = (await agent.get(`/admin/assessments?lang=en&consultation=${consultation.id}`).expect(200)).text;
    expect(rowsIn(all).sort()).toEqual(['high', 'internal', 'low']);
    expect(all).toContain('3 ideas assessed');
    // high: (3, 0) → 0 with the internal assessment counted.
    expect(rowsIn((await agent.get(`/admin/assessments?consultation=${consultation.id}&element=beautiful&level=2`).expect(200)).text)).toEqual(['internal']);
    expect(rowsIn((await agent.get(`/admin/assessments?consultation=${consultation.id}&element=sustainable&sort=level`).expect(200)).text)).toEqual(['internal', 'low', 'high']);
    expect(rowsIn((await agent.get(`/admin/assessments?consultation=${consultation.id}&sort=assessors`).expect(200)).text)[0]).toBe('high');
  });

  it('lists the ideas nobody assessed, hidden and pending ones too, so planners can reach them', async () => {
    const hidden = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, title: 'NEB list hiddenone', visibility: 'hidden' });
    const { agent } = await loggedInAgent(testApp.app, planner);
    const page = (await agent.get(`/admin/assessments?lang=en&consultation=${consultation.id}&show=unassessed`).expect(200)).text;
    const listed = [...page.matchAll(/data-unassessed-idea="\d+"><a [^>]*>NEB list (\w+)</g)].map((match) => match[1]);
    expect(listed).toEqual(['hiddenone', 'plain']);
    expect(page).toContain('2 ideas wait for an assessment');
    await agent.get(`/admin/ideas/${hidden}/assessment`).expect(200);
  });

  it.each(['show=all', 'level=7', 'element=x', 'sort=random', 'page=0'])('answers %s with 400', async (query) => {
    const { agent } = await loggedInAgent(testApp.app, planner);
    await agent.get(`/admin/assessments?${query}`).expect(400);
  });

  it('is closed to residents', async () => {
    const { agent } = await loggedInAgent(testApp.app, author);
    await agent.get('/admin/assessments').expect(403);
  });
});
