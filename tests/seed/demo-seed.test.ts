import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { seedDemoContent } from '../../server/seed/demo-seed';
import { demoSceneSvg } from '../../server/seed/demo-photos';
import { localDiskStorage } from '../../server/uploads/photo-storage';
import { isWithinArea } from '../../server/ideas/location';
import { testConfig } from '../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

describe('demo photos', () => {
  it('draws the same scene differently for different ideas, and with no text in it', () => {
    expect(demoSceneSvg('park', 1)).not.toEqual(demoSceneSvg('park', 2));
    expect(demoSceneSvg('mural', 3)).toEqual(demoSceneSvg('mural', 3));
    expect(demoSceneSvg('square', 4)).not.toMatch(/<text/);
  });

});

describe('demo content', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.close());

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

  it('gives most demo ideas 1–3 drawn photos, processed and stored like an upload, each idea different', async () => {
    const { db } = database;
    const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kopa-demo-photos-'));
    try {
      await seedDemoContent(db, { createDemoStaff: true, photoStorage: localDiskStorage(uploadDir) });
      const photos: { idea_id: number; large_key: string; thumbnail_key: string; width: number; height: number }[] = await db('idea_photos').select();
      const perIdea = new Map<number, number>();
      for (const photo of photos) perIdea.set(photo.idea_id, (perIdea.get(photo.idea_id) ?? 0) + 1);
      expect(perIdea.size).toBeGreaterThan(15);
      expect(Math.max(...perIdea.values())).toBeLessThanOrEqual(3);
      expect(new Set(photos.map((photo) => `${photo.width}x${photo.height}`))).toEqual(new Set(['960x640']));
      const first = photos[0];
      const thumbnail = await sharp(path.join(uploadDir, first.thumbnail_key)).metadata();
      expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['jpeg', 400, 267]);
      expect((await fs.readdir(uploadDir)).sort()).toEqual(photos.flatMap((photo) => [photo.large_key, photo.thumbnail_key]).sort());
      // A second start adds none.
      await seedDemoContent(db, { createDemoStaff: true, photoStorage: localDiskStorage(uploadDir) });
      expect(await db('idea_photos').count({ count: '*' })).toEqual([{ count: photos.length }]);
    } finally {
      await fs.rm(uploadDir, { recursive: true, force: true });
    }
  });

  it('creates no demo accounts, consultation or ideas in production', async () => {
    const { db } = database;
    expect(await seedDemoContent(db, { createDemoStaff: false })).toEqual({});
    expect(await db('users').select('id')).toEqual([]);
    expect(await db('ideas').select('id')).toEqual([]);
    expect(await db('consultations').select('id')).toEqual([]);
  });
});
