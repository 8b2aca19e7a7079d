import { seedDemoContent } from '../../server/seed/demo-seed';
import { isWithinArea } from '../../server/ideas/location';
import { testConfig } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

describe('demo content', () => {
  it('seeds one open consultation with 30 ideas in three languages, inside the city, once', async () => {
    const { db } = database;
    const result = await seedDemoContent(db, { createDemoStaff: true });
    expect(result.demoAccounts?.map((account) => account.email)).toEqual(['staff@kopa.local', 'resident@kopa.local']);
    await seedDemoContent(db, { createDemoStaff: true });

    const consultations = await db('consultations').select('phase');
    expect(consultations).toEqual([{ phase: 'collecting' }]);
    const ideas = await db('ideas').select('original_locale', 'latitude', 'longitude', 'place_name', 'visibility');
    expect(ideas).toHaveLength(30);
    expect(new Set(ideas.map((idea) => idea.original_locale))).toEqual(new Set(['lv', 'ru', 'en']));
    expect(new Set(ideas.map((idea) => idea.place_name)).size).toBeGreaterThanOrEqual(14);
    const { cityBounds } = testConfig();
    expect(ideas.filter((idea) => !isWithinArea(null, cityBounds, idea.latitude, idea.longitude))).toEqual([]);
    expect(await db('users').where({ email: 'staff@kopa.local' }).first('role')).toEqual({ role: 'admin' });
    expect(Number((await db('categories').count({ count: '*' }))[0].count)).toBe(9);
  });

  it('creates no demo accounts, consultation or ideas in production', async () => {
    const { db } = database;
    expect(await seedDemoContent(db, { createDemoStaff: false })).toEqual({});
    expect(await db('users').select('id')).toEqual([]);
    expect(await db('ideas').select('id')).toEqual([]);
    expect(await db('consultations').select('id')).toEqual([]);
  });
});
