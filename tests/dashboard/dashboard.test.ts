import request from 'supertest';
import { loggedInAgent } from '../helpers/forms';
import { buildUser, type BuiltUser } from '../factories/users';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';
import { buildComment } from '../factories/comments';
import { buildSupport } from '../factories/supports';
import { dashboardFigures } from '../../server/dashboard/dashboard.queries';
import { niceCeiling, participationChartSvg } from '../../server/dashboard/participation-chart';

const { testApp } = useScene();
let moderator: BuiltUser;
let people: BuiltUser[];
let consultationId: number;
let otherConsultation: number;
beforeAll(async () => {
  const { db } = testApp;
  moderator = await buildUser(db, { role: 'moderator' });
  people = [];
  for (let index = 0; index < 4; index += 1) people.push(await buildUser(db));
  consultationId = await buildConsultation(db);
  otherConsultation = await buildConsultation(db);
  // Two ideas in the centre in week 1 (Monday 2026-03-02), one in Ķīmija in week 3; a draft and another consultation's idea are not counted.
  const centre = { latitude: 55.8714, longitude: 26.5161 };
  const a = await buildIdea(db, { consultationId, authorId: people[0].id, ...centre, status: 'accepted', createdAt: new Date('2026-03-03T10:00:00Z') });
  const b = await buildIdea(db, { consultationId, authorId: people[1].id, ...centre, category: 'heritage', visibility: 'pending', createdAt: new Date('2026-03-04T10:00:00Z') });
  await buildIdea(db, { consultationId, authorId: people[1].id, latitude: 55.8948, longitude: 26.5475, createdAt: new Date('2026-03-17T10:00:00Z') });
  await db('ideas').where({ id: b }).update({ original_locale: 'ru' });
  await buildIdea(db, { consultationId, authorId: people[3].id, visibility: 'draft' });
  await buildIdea(db, { consultationId: otherConsultation, authorId: people[3].id });
  await buildSupport(db, { ideaId: a, userId: people[1].id, createdAt: new Date('2026-03-18T10:00:00Z') });
  await buildSupport(db, { ideaId: a, userId: people[2].id, createdAt: new Date('2026-03-18T11:00:00Z') });
  await buildComment(db, { ideaId: a, authorId: people[2].id, body: 'Yes', createdAt: new Date('2026-03-05T10:00:00Z') });
  await buildComment(db, { ideaId: a, authorId: people[2].id, deletedAt: new Date(), createdAt: new Date('2026-03-05T10:00:00Z') });
});

describe('dashboard figures', () => {
  it('counts submitted ideas, their supports, comments and distinct participants of one consultation', async () => {
    const figures = await dashboardFigures(testApp.db, consultationId);
    expect(figures.totals).toEqual({ ideas: 3, supports: 2, comments: 1, participants: 3 });
    expect(figures.byStatus).toEqual([{ key: 'new', count: 2 }, { key: 'accepted', count: 1 }]);
    expect(figures.byLanguage).toEqual([{ key: 'lv', count: 2 }, { key: 'ru', count: 1 }]);
    expect(figures.byCategory.map((row) => [row.key, row.count])).toEqual([['green-space', 2], ['heritage', 1]]);
    expect(figures.byNeighbourhood.map((row) => [row.key, row.count])).toEqual([['centrs', 2], ['kimiku-ciemats', 1]]);
    expect(figures.byNeighbourhood[0].name).toMatchObject({ lv: 'Centrs' });
  });

  it('gives participation for every week, the quiet ones too', async () => {
    const { weeks } = await dashboardFigures(testApp.db, consultationId);
    expect(weeks).toEqual([
      { week: '2026-03-02', ideas: 2, comments: 1, supports: 0 },
      { week: '2026-03-09', ideas: 0, comments: 0, supports: 0 },
      { week: '2026-03-16', ideas: 1, comments: 0, supports: 2 },
    ]);
  });

  it('counts every consultation when none is chosen', async () => {
    expect((await dashboardFigures(testApp.db, undefined)).totals.ideas).toBe(4);
  });
});

describe('the participation chart', () => {
  const text = { title: 'Per <week>', description: 'Bars & a table', series: { ideas: 'Ideas', comments: 'Comments', supports: 'Supports' }, week: (monday: string) => monday, number: String };

  it('is an SVG image with a title and description, text escaped, one bar segment per non-zero figure', () => {
    const svg = participationChartSvg([{ week: '2026-03-02', ideas: 2, comments: 1, supports: 0 }, { week: '2026-03-09', ideas: 0, comments: 0, supports: 4 }], text);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="participation-title participation-desc">/);
    expect(svg).toContain('<title id="participation-title">Per &lt;week&gt;</title>');
    expect(svg).toContain('<desc id="participation-desc">Bars &amp; a table</desc>');
    expect(svg.match(/<rect [^>]*height=/g)).toHaveLength(3 + 3);
  });

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 11, 240, 999].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 500, 1000]);
  });
});

describe('the dashboard page', () => {
  it('shows totals, the chart with its table and the breakdowns to staff', async () => {
    const { agent } = await loggedInAgent(testApp.app, moderator);
    const page = await agent.get(`/admin/dashboard?consultation=${consultationId}&lang=en`).expect(200);
    expect(page.text).toContain('<span class="total-figure">3</span> Ideas');
    expect(page.text).toContain('role="img"');
    expect(page.text).toContain('<th scope="row">9 March 2026</th>');
    expect(page.text).toContain('City Centre');
    expect(page.text).toContain('Consultation 1 &lt;script&gt;');
  });

  it('refuses residents and malformed filters', async () => {
    const { agent } = await loggedInAgent(testApp.app, people[0]);
    await agent.get('/admin/dashboard').expect(403);
    await request(testApp.app).get('/admin/dashboard').expect(303);
    const staff = (await loggedInAgent(testApp.app, moderator)).agent;
    await staff.get('/admin/dashboard?consultation=all').expect(400);
  });
});
