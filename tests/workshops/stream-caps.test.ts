/** Live streams are capped per participant and per workshop, counted in PostgreSQL (any process). */
import { buildParticipant, buildWorkshop, participantCookie } from '../factories/workshops';
import { useScene } from '../factories/scene';
import { openStream, sessionCookieOf, type EventStream } from './helpers';

const { testApp, server, consultation, facilitator } = useScene({
  listen: true,
  users: { facilitator: { role: 'facilitator', preferredLocale: 'en' } },
  consultation: {},
  app: { workshopLimits: { streamsPerParticipant: 2, streamsPerWorkshop: 3 } },
});

const opened: EventStream[] = [];
afterEach(() => {
  for (const stream of opened.splice(0)) stream.close();
});

async function room() {
  const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting' });
  const cookieOf = async () => participantCookie(testApp.config.sessionSecret, workshop.id, await buildParticipant(testApp.db, workshop.id));
  const open = async (cookie: string, lang = 'en') => {
    const stream = await openStream(`${server.baseUrl}/w/${workshop.joinCode}/stream?lang=${lang}`, cookie);
    opened.push(stream);
    return stream;
  };
  return { workshop, cookieOf, open };
}

const slotsOf = async (workshopId: number) => Number((await testApp.db('workshop_streams').where({ workshop_id: workshopId }).count({ count: '*' }))[0].count);

/** Waits until the server has noticed closed streams (the slot rows are deleted when it does). */
async function slotsBecome(workshopId: number, count: number) {
  for (let tries = 0; tries < 200 && (await slotsOf(workshopId)) !== count; tries += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(await slotsOf(workshopId)).toBe(count);
}

describe('live stream caps', () => {
  it('a participant gets at most their cap of streams, even when opening them all at once; a closed one frees its place', async () => {
    const { workshop, cookieOf, open } = await room();
    const cookie = await cookieOf();
    const streams = await Promise.all(Array.from({ length: 6 }, () => open(cookie)));
    const statuses = streams.map((stream) => stream.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);
    const refused = streams.find((stream) => stream.status === 429)!;
    await refused.ended;
    expect(refused.text).toContain('This workshop is already open on too many of your screens.');
    expect(await slotsOf(workshop.id)).toBe(2);

    streams.find((stream) => stream.status === 200)!.close();
    await slotsBecome(workshop.id, 1);
    const again = await open(cookie);
    expect(again.status).toBe(200);
    await again.waitFor(() => true);
  });

  it('a workshop gets at most its cap of participants’ streams; the projector is not counted', async () => {
    const { workshop, cookieOf, open } = await room();
    for (let participant = 0; participant < 3; participant += 1) expect((await open(await cookieOf())).status).toBe(200);
    const refused = await open(await cookieOf(), 'lv');
    expect(refused.status).toBe(429);
    await refused.ended;
    expect(refused.text).toContain('Šobrīd šo darbnīcu tiešraidē seko pārāk daudz ekrānu.');
    const projector = await openStream(`${server.baseUrl}/workshops/${workshop.id}/stream`, await sessionCookieOf(testApp.app, facilitator));
    opened.push(projector);
    expect(projector.status).toBe(200);
    await projector.waitFor(() => true);
    expect(await slotsOf(workshop.id)).toBe(3);
  });

  it('other workshops have their own count', async () => {
    const first = await room();
    for (let participant = 0; participant < 3; participant += 1) expect((await first.open(await first.cookieOf())).status).toBe(200);
    const second = await room();
    expect((await second.open(await second.cookieOf())).status).toBe(200);
  });

  it('a stream left by a process that died stops counting once its slot is stale', async () => {
    const { workshop, cookieOf, open } = await room();
    const cookie = await cookieOf();
    const participantId = Number(/=(\d+)\./.exec(cookie)![1]);
    await testApp.db('workshop_streams').insert([
      { workshop_id: workshop.id, participant_id: participantId, seen_at: testApp.db.raw(`now() - interval '10 minutes'`) },
      { workshop_id: workshop.id, participant_id: participantId, seen_at: testApp.db.raw(`now() - interval '10 minutes'`) },
    ]);
    expect((await open(cookie)).status).toBe(200);
    expect(await slotsOf(workshop.id)).toBe(1);
  });
});
