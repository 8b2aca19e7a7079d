/**
 * Wrong codes, the alarm across all addresses, and joins: counted in PostgreSQL, increment
 * first and decide on the count it returns, per address (IPv6 per /64) and per workshop.
 */
import { Writable } from 'node:stream';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../../server/app';
import { clientKey } from '../../server/workshops/code-attempts';
import { loggedInAgent } from '../helpers/forms';
import { buildWorkshop } from '../factories/workshops';
import { useScene } from '../factories/scene';
import { participantFormToken } from './helpers';
import { buildRoomIdea } from '../factories/workshops';

const workshopLimits = { wrongCodesAlarm: 30, joinsPerAddress: 4, joinsPerWorkshop: 6 };
const { testApp, server, consultation, facilitator } = useScene({
  listen: true,
  users: { facilitator: { role: 'facilitator', preferredLocale: 'en' } },
  consultation: {},
  app: { workshopLimits },
});
beforeEach(() => testApp.db('rate_limits').delete());

/** Client addresses come from X-Forwarded-For only in the tests that say so. */
async function behindLoopbackProxy<T>(run: () => Promise<T>): Promise<T> {
  testApp.app.set('trust proxy', 'loopback');
  try {
    return await run();
  } finally {
    testApp.app.set('trust proxy', testApp.config.trustProxy);
  }
}

const statusesOf = (responses: { status: number }[]) => responses.map((response) => response.status);
const countOf = (statuses: number[], status: number) => statuses.filter((value) => value === status).length;
const participants = async (workshopId: number) => Number((await testApp.db('workshop_participants').where({ workshop_id: workshopId }).count({ count: '*' }))[0].count);

describe('wrong codes', () => {
  it('a burst of parallel wrong guesses: at most the limit are answered, the rest refused', async () => {
    const guesses = Array.from({ length: 45 }, (_, index) => `/w/ZZZ${'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[index % 32]}${index < 32 ? 'Z' : 'Y'}Z?lang=en`);
    // One listening server, so the guesses really run side by side.
    const statuses = statusesOf(await Promise.all(guesses.map((path) => fetch(`${server.baseUrl}${path}`))));
    expect(countOf(statuses, 404)).toBe(20);
    expect(countOf(statuses, 429)).toBe(25);
    // The typed-code form shares the counter: this address is refused for the rest of the minute.
    const typed = await request(testApp.app).get('/w?code=QQQQQQ&lang=en').expect(429);
    expect(typed.text).toContain('Too many wrong codes from this network');
  });

  it('a parallel burst of typed codes is held to the limit too', async () => {
    const statuses = statusesOf(await Promise.all(Array.from({ length: 30 }, () => fetch(`${server.baseUrl}/w?code=QQQQQQ`))));
    expect(countOf(statuses, 404)).toBe(20);
    expect(countOf(statuses, 429)).toBe(10);
  });

  it('right codes are given back: a class looking its code up in parallel is never limited', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    const statuses = statusesOf(await Promise.all(Array.from({ length: 15 }, () => request(testApp.app).get(`/w?code=${workshop.joinCode}`))));
    expect(statuses).toEqual(Array(15).fill(303));
    for (let attempt = 0; attempt < 20; attempt += 1) await request(testApp.app).get(`/w/${workshop.joinCode}`).expect(200);
  });

  it('IPv6 clients are counted by their /64', () => {
    expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:1')).toBe(clientKey('2001:db8:1:2::ffff'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('203.0.113.7')).not.toBe(clientKey('203.0.113.8'));
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('addresses in one IPv6 /64 share a counter; the next /64 has its own', async () => {
    await behindLoopbackProxy(async () => {
      for (let host = 1; host <= 20; host += 1) {
        await request(testApp.app).get('/w/ZZZZZZ').set('X-Forwarded-For', `2001:db8:7:7:${host.toString(16)}::${host}`).expect(404);
      }
      await request(testApp.app).get('/w/ZZZZZZ').set('X-Forwarded-For', '2001:db8:7:7:ffff:ffff:ffff:ffff').expect(429);
      await request(testApp.app).get('/w/ZZZZZZ').set('X-Forwarded-For', '2001:db8:7:8::1').expect(404);
    });
  });
});

describe('the alarm when wrong codes from all addresses together pass a threshold', () => {
  it('logs one warn line and shows staff a notice, while rooms in use keep working and a right code still joins', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const app = createApp({ config: testApp.config, db: testApp.db, logger, workshopLimits, publicChanges: testApp.changes });
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id, state: 'voting', dotBudget: 5, maxDotsPerIdea: 5 });
    const ideaId = await buildRoomIdea(testApp.db, workshop, consultation.id);
    const participant = request.agent(app);
    await participant.post(`/w/${workshop.joinCode}/join`).type('form').send({}).expect(303);
    const participantId = (await testApp.db('workshop_participants').where({ workshop_id: workshop.id }).first('id')).id as number;
    const staff = await loggedInAgent(app, facilitator, '/workshops');
    expect((await staff.agent.get('/workshops').expect(200)).text).not.toContain('data-code-alarm');

    app.set('trust proxy', 'loopback');
    // Ten wrong codes from each of four addresses: each stays under its own limit of 20.
    for (const address of ['198.51.100.1', '198.51.100.2', '2001:db8:9:1::1', '2001:db8:9:2::1']) {
      for (let attempt = 0; attempt < 10; attempt += 1) await request(app).get('/w/ZZZZZZ').set('X-Forwarded-For', address).expect(404);
    }
    const warnings = lines.map((line) => JSON.parse(line)).filter((line) => /wrong codes from all addresses/.test(line.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, wrongCodes: 30, windowMinutes: 10 });

    for (const page of ['/workshops?lang=en', `/workshops/${workshop.id}?lang=en`]) {
      expect((await staff.agent.get(page).expect(200)).text).toContain('Many wrong workshop codes have been tried in the last few minutes');
    }
    // Nothing is blocked by the alarm: the participant votes, a newcomer with the right code joins.
    await participant.get(`/w/${workshop.joinCode}`).expect(200);
    await participant
      .post(`/w/${workshop.joinCode}/ideas/${ideaId}/dots`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: participantFormToken(testApp.config.sessionSecret, workshop.id, participantId), change: 'add' })
      .expect(200);
    await request(app).post(`/w/${workshop.joinCode}/join`).set('X-Forwarded-For', '198.51.100.77').type('form').send({}).expect(303);
    expect(await participants(workshop.id)).toBe(2);
  });
});

describe('joins', () => {
  it('are limited per address, across workshops, with a clear message and nothing stored', async () => {
    const first = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    const second = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    for (let pupil = 0; pupil < 4; pupil += 1) await request(testApp.app).post(`/w/${first.joinCode}/join`).type('form').send({}).expect(303);
    const refused = await request(testApp.app).post(`/w/${second.joinCode}/join?lang=lv`).type('form').send({ nickname: 'Piektais' }).expect(429);
    expect(refused.text).toContain('Pēdējās minūtēs no šī tīkla vai šajā darbnīcā pievienojušies pārāk daudzi');
    expect(refused.text).not.toMatch(/at .*\.ts:\d+/);
    expect(await participants(first.id)).toBe(4);
    expect(await participants(second.id)).toBe(0);
  });

  it('are limited per workshop, whatever the addresses', async () => {
    const workshop = await buildWorkshop(testApp.db, { consultationId: consultation.id, createdBy: facilitator.id });
    await behindLoopbackProxy(async () => {
      for (let host = 1; host <= 6; host += 1) {
        await request(testApp.app).post(`/w/${workshop.joinCode}/join`).set('X-Forwarded-For', `198.51.100.${host}`).type('form').send({}).expect(303);
      }
      const refused = await request(testApp.app).post(`/w/${workshop.joinCode}/join?lang=ru`).set('X-Forwarded-For', '198.51.100.50').type('form').send({}).expect(429);
      expect(refused.text).toContain('присоединилось слишком много участников');
    });
    expect(await participants(workshop.id)).toBe(6);
  });
});
