import request from 'supertest';
import type { ResponseCache } from '../../server/cache/response-cache';
import { cacheableConsultationAnswer } from '../../server/consultations/consultations.cache';
import { loggedInAgent } from '../helpers/forms';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { useScene } from '../factories/scene';

const { testApp, consultation, planner, author } = useScene({
  users: { planner: { role: 'planner', preferredLocale: 'en' }, author: {} },
  consultation: {},
});

const elements = ['beautiful', 'sustainable', 'together', 'participatory', 'multilevel', 'transdisciplinary'] as const;
const form = (levels: number[]) => Object.fromEntries(elements.map((element, index) => [`${element}Level`, String(levels[index])]));

/** The rows of the distribution table: element → counts at levels 0, I, II, III. */
function distributionIn(html: string): Record<string, number[]> {
  const table = /<table class="data-table neb-distribution">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return Object.fromEntries([...table.matchAll(/<tr><th scope="row">([^<]+)<\/th>((?:<td class="number">\d+<\/td>)+)<\/tr>/g)].map((match) => [match[1], [...match[2].matchAll(/>(\d+)</g)].map((cell) => Number(cell[1]))]));
}

describe('the NEB profile of a consultation', () => {
  it('counts each assessed idea once at its median: all assessments on the dashboard, published ones of published ideas on the public page', async () => {
    const other = await buildConsultation(testApp.db);
    const [a, b, hidden, elsewhere] = [
      await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id }),
      await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id }),
      await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'hidden' }),
      await buildIdea(testApp.db, { consultationId: other, authorId: author.id }),
    ];
    await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id }); // never assessed: not counted
    const { agent, csrf } = await loggedInAgent(testApp.app, planner);
    const assess = (ideaId: number, levels: number[]) => agent.post(`/admin/ideas/${ideaId}/assessment`).type('form').send({ _csrf: csrf, ...form(levels) }).expect(303);
    const publish = (ideaId: number) => agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
    await assess(a, [3, 3, 3, 3, 3, 3]);
    await assess(a, [1, 1, 1, 1, 1, 1]);
    await publish(a);
    await assess(b, [0, 2, 2, 2, 2, 2]); // internal only
    await assess(hidden, [3, 3, 3, 3, 3, 3]);
    await publish(hidden);
    await assess(elsewhere, [2, 2, 2, 2, 2, 2]);
    await publish(elsewhere);

    const dashboard = (await agent.get(`/admin/dashboard?consultation=${consultation.id}`).expect(200)).text;
    expect(dashboard).toContain('3 ideas assessed');
    // a at median 1 (of 3 and 1), b at 0 / 2, the hidden idea at 3.
    expect(distributionIn(dashboard)).toMatchObject({ Beautiful: [1, 1, 0, 1], Sustainable: [0, 1, 1, 1] });

    const page = (await request(testApp.app).get(`/consultations/${consultation.id}`).set('Accept-Language', 'en').expect(200)).text;
    expect(page).toContain('1 idea assessed');
    expect(distributionIn(page)).toMatchObject({ Beautiful: [0, 1, 0, 0], 'Transdisciplinary approach': [0, 1, 0, 0] });

    await publish(b);
    const after = (await request(testApp.app).get(`/consultations/${consultation.id}`).set('Accept-Language', 'en').expect(200)).text;
    expect(distributionIn(after)).toMatchObject({ Beautiful: [1, 1, 0, 0], Sustainable: [0, 1, 1, 0] });
  });

  it('keeps the public page in the response cache, and the next anonymous request shows a newly published assessment, in every language', async () => {
    const responseCache = () => testApp.app.get('responseCache') as ResponseCache;
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id });
    const page = (lang: string) => request(testApp.app).get(`/consultations/${consultation.id}`).set('Accept-Language', lang).expect(200);
    const { agent, csrf } = await loggedInAgent(testApp.app, planner);
    await agent.post(`/admin/ideas/${ideaId}/assessment`).type('form').send({ _csrf: csrf, ...form([3, 3, 3, 3, 3, 3]) }).expect(303);
    const counted = async (lang: string) => distributionIn((await page(lang)).text);

    const before: Record<string, Record<string, number[]>> = {};
    for (const lang of ['lv', 'ru', 'en']) before[lang] = await counted(lang);
    const hits = responseCache().hits;
    for (const lang of ['lv', 'ru', 'en']) expect(await counted(lang)).toEqual(before[lang]);
    expect(responseCache().hits).toBe(hits + 3);
    // The assessment is internal: the other tests' ideas are all the page counts.
    const beautifulIII = (distribution: Record<string, number[]>) => Object.values(distribution)[0]?.[3] ?? 0;

    await agent.post(`/admin/ideas/${ideaId}/assessment/publish`).type('form').send({ _csrf: csrf }).expect(303);
    for (const lang of ['lv', 'ru', 'en']) expect(beautifulIII(await counted(lang))).toBe(beautifulIII(before[lang]) + 1);

    // Hiding the idea takes it out of the public profile again.
    await testApp.db('ideas').where({ id: ideaId }).update({ visibility: 'hidden' });
    expect(beautifulIII(await counted('en'))).toBe(beautifulIII(before.en));
  });

  it('caches only the page itself, whatever the query, dropped by ideas and reference data', () => {
    expect(cacheableConsultationAnswer('/consultations/12')).toEqual({ url: '/consultations/12', dependsOn: ['ideas', 'reference'], daily: false });
    for (const path of ['/consultations/abc', '/consultations/12/ideas', '/consultations', '/admin/consultations/12']) expect(cacheableConsultationAnswer(path)).toBeUndefined();
  });

  it('says so when nothing is published, and answers 404 for an unknown consultation', async () => {
    const empty = await buildConsultation(testApp.db);
    expect((await request(testApp.app).get(`/consultations/${empty}`).set('Accept-Language', 'en').expect(200)).text).toContain('No idea of this consultation has been assessed yet.');
    await request(testApp.app).get('/consultations/999999').expect(404);
  });
});
